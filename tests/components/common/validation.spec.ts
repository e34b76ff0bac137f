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
    iamArn,
    integerIn,
    isBoolean,
    nonEmptyString,
    oneOf,
    quantity,
    show,
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

    it("accepts the quantity forms Kubernetes writes, whole", () => {
        for (const ok of [
            "+1",
            ".5",
            ".25",
            "1.25",
            "1e10",
            "1e-3",
            "1E+6",
            "1k",
            "1Ki",
            "1.5Gi",
            "250m",
            "2n",
            "3u",
            "1P",
            "1Ei",
        ]) {
            assert.strictEqual(quantity(ok), undefined, ok);
        }
        for (const bad of ["1K", "1Ki ", " 1", "1.2.3", "Mi", "1mi", "1e", 1, "1GiB"]) {
            assert.strictEqual(
                quantity(bad),
                `must be a Kubernetes quantity such as "250m", "128Mi" or "2", got ${show(bad)}`,
            );
        }
    });

    it("matches URLs and ARNs whole, not as a part of the value", () => {
        assert.strictEqual(httpsUrl("https://oidc.example.com"), undefined, "no path is a URL too");
        for (const bad of [
            ["https://a"],
            "https://",
            "https:///id/X",
            "https://a b",
            " https://a",
            "xhttps://a",
            "https://a/ b",
            5,
        ]) {
            assert.strictEqual(httpsUrl(bad), `must be an https:// URL, got ${show(bad)}`);
        }
        const arn = "arn:aws:iam::123456789012:policy/boundary";
        for (const ok of [
            arn,
            "arn:aws-us-gov:iam::123456789012:policy/a/b",
            "arn:aws-iso-b:iam::123456789012:policy/x",
        ]) {
            assert.strictEqual(iamArn(ok, "policy"), undefined, ok);
        }
        for (const bad of [
            [arn],
            `x${arn}`,
            `${arn} `,
            "arn:aws:iam::123456789012:policy/",
            "arn:aws:iam::1234567890123:policy/x",
            "arn:aws:iam::123456789012:role/x",
            "arn:AWS:iam::123456789012:policy/x",
        ]) {
            assert.strictEqual(
                iamArn(bad, "policy"),
                `must be an IAM policy ARN (arn:<partition>:iam::<account>:policy/…), got ${show(bad)}`,
                show(bad),
            );
        }
    });

    it("prints values in messages as JSON, and what JSON cannot print as text", () => {
        assert.deepStrictEqual(
            [show("a"), show(1), show(null), show(undefined), show({ a: [1] }), show(true)],
            ['"a"', "1", "null", "undefined", '{"a":[1]}', "true"],
        );
        assert.strictEqual(integerIn(0, 1), "must be an integer >= 1, got 0");
        assert.strictEqual(integerIn(1.5, 0, 2), "must be an integer from 0 to 2, got 1.5");
        assert.strictEqual(integerIn(Number.MAX_SAFE_INTEGER, 1), undefined);
        assert.strictEqual(oneOf("c", ["a", "b"]), 'must be one of "a", "b", got "c"');
        assert.strictEqual(isBoolean("true"), 'must be true or false, got "true"');
        assert.strictEqual(nonEmptyString("\t"), 'must be a non-empty string, got "\\t"');
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

    it("lets a value of another shape replace a map (and a map replace a value) instead of merging", () => {
        assert.deepStrictEqual(deepMerge({ a: { b: 1 }, c: 1 }, { a: "x", c: { d: 2 } }), { a: "x", c: { d: 2 } });
        assert.deepStrictEqual(deepMerge({ a: { b: 1 } }, { a: null }), { a: null });
        assert.deepStrictEqual(deepMerge({ a: { b: 1 } }, { a: [1] }), { a: [1] });
    });

    it("sorts the keys of maps inside lists, never the lists themselves", () => {
        assert.strictEqual(stableStringify([{ b: 1, a: 2 }, 3, [2, 1]]), '[{"a":2,"b":1},3,[2,1]]');
        assert.strictEqual(stableStringify({ b: 1, a: 2 }, 2), '{\n  "a": 2,\n  "b": 1\n}');
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
            "gateway-class",
            "lbconfig",
            "gateway",
            "https-redirect",
            "route",
            "tgc",
            "class",
            "params",
        ]);
        assert.strictEqual(childName("lbc", "serviceAccount"), "lbc-sa");
    });
});
