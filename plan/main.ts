/**
 * `npm run plan -- [--stack <name>] …`: runs the offline plan (plan/cli.ts) on this process's arguments and exits
 * with its code once stdout and stderr are flushed. Exit codes: see plan/cli.ts.
 */
import { main } from "./cli";
import { exitWhenFlushed } from "./exit";

void main(process.argv.slice(2)).then(exitWhenFlushed);
