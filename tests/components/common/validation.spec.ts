import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge, stableStringify } from "../../../components/common/json";
import { ROLES, childName } from "../../../components/common/naming";
import {
    Problems,
    checkInput,
    dns1123Label,
    dns1123Subdomain,
    httpsUrl,
    integerIn,
    quantity,
} from "../../../components/common/validation";
import { valueOf } from "../../harness/mocks";

describe("validation", () => {
    it("accepts DNS-1123 labels and rejects what Kubernetes rejects", () => {
        for (const ok of ["a", "kube-system", "a1", "x".repeat(63)])
            assert.strictEqual(dns1123Label(ok), undefined, ok);
        for (const bad of ["", "A", "-a", "a-", "a_b", "a.b", "x".repeat(64), 5])
            assert.ok(dns1123Label(bad), String(bad));
        assert.strictEqual(dns1123Subdomain("a.b-c.d"), undefined);
        assert.ok(dns1123Subdomain("a..b"));
    });

    it("checks integers, quantities and URLs", () => {
        assert.strictEqual(integerIn(5, 1, 10), undefined);
        assert.match(integerIn(11, 1, 10)!, /from 1 to 10, got 11/);
        for (const ok of ["100m", "128Mi", "1", "0.5", "2Gi", "1e3"]) assert.strictEqual(quantity(ok), undefined, ok);
        for (const bad of ["lots", "1 Gi", "", "-1"]) assert.ok(quantity(bad), bad);
        assert.strictEqual(httpsUrl("https://oidc.eks.us-east-1.amazonaws.com/id/X"), undefined);
        assert.ok(httpsUrl("oidc.eks.us-east-1.amazonaws.com/id/X"));
    });

    it("counts the problems it collected, so whole-object checks can wait for valid parts", () => {
        const problems = new Problems();
        assert.strictEqual(problems.size, 0);
        problems.check("a", 1, () => undefined);
        assert.strictEqual(problems.size, 0);
        problems.check("a", 1, () => "is wrong");
        problems.checkIfSet("b", undefined, () => "never runs");
        assert.strictEqual(problems.size, 1);
    });

    it("checks known inputs now and unknown ones when they resolve", async () => {
        const problems = new Problems();
        checkInput(problems, "name", "", (v) => (v ? undefined : "must not be empty"));
        assert.throws(() => problems.throwIfAny("C", "n"), /C "n": invalid arguments:\n {2}- `name` must not be empty/);
        const later = checkInput(new Problems(), "name", pulumi.output(""), (v) =>
            v ? undefined : "must not be empty",
        );
        await assert.rejects(valueOf(later), /`name` must not be empty/);
    });
});

describe("json", () => {
    it("stringifies with sorted keys at every depth, independent of input order", () => {
        assert.strictEqual(
            stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }),
            '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
        );
        assert.strictEqual(stableStringify({ x: 1, y: 2 }), stableStringify({ y: 2, x: 1 }));
    });

    it("deep-merges maps and replaces lists without touching its arguments", () => {
        const base = { a: { b: 1, c: [1, 2] }, d: 1 };
        const merged = deepMerge(base, { a: { c: [3] }, e: 2 });
        assert.deepStrictEqual(merged, { a: { b: 1, c: [3] }, d: 1, e: 2 });
        assert.deepStrictEqual(base, { a: { b: 1, c: [1, 2] }, d: 1 });
    });
});

describe("naming", () => {
    it("pins every child role name (a change here replaces resources in existing stacks)", () => {
        assert.deepStrictEqual(Object.values(ROLES), [
            "oidc",
            "policy",
            "role",
            "policy-attachment",
            "sa",
            "pod-identity",
            "ns",
            "cert-manager",
            "webhook-ca-key",
            "webhook-ca",
            "webhook-key",
            "webhook-csr",
            "webhook-cert",
            "webhook-secret-ownership",
            "crd",
            "release",
            "deploy",
            "svc",
            "ing",
        ]);
        assert.strictEqual(childName("lbc", "serviceAccount"), "lbc-sa");
    });
});
