/** The specs' policy runner: the plan's (plan/policyRunner.ts), so tests and plan judge the same way. */
export * from "../../plan/policyRunner";
