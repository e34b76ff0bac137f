/**
 * The API server's name rules as the components and the offline plan apply them: each rule at its last accepted and
 * first refused value, from kubernetes/kubernetes `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`
 * (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName, IsValidLabelValue, IsValidPortName).
 */
import * as assert from "assert";
import {
    isDns1035Label,
    isDns1123Label,
    isDns1123Subdomain,
    isLabelKey,
    isLabelValue,
    isPortName,
    labelMap,
} from "../../../components/common/kubernetesNames";
import type { NameCheck } from "../../../components/common/kubernetesNames";

/** Asserts that `check` accepts every value of `ok` and refuses every value of `bad` with a message matching `why`. */
function rule(check: NameCheck, ok: string[], bad: string[], why: RegExp): void {
    for (const v of ok) assert.strictEqual(check(v), undefined, `${JSON.stringify(v)} must be accepted`);
    for (const v of bad) assert.match(check(v) ?? "accepted", why, `${JSON.stringify(v)} must be refused`);
}

const label63 = "a".repeat(63);
const subdomain253 = [label63, label63, label63, "a".repeat(61)].join(".");

describe("Kubernetes names", () => {
    it("DNS-1123 label (namespaces, Service names): lowercase alphanumerics and '-', at most 63", () => {
        rule(
            isDns1123Label,
            ["a", "0", "kube-system", "1abc", "a-1", label63],
            ["", "A", "-a", "a-", "a.b", "a_b", "a b", `${label63}a`],
            /^must be a DNS-1123 label: .* at most 63 characters$/,
        );
    });

    it("DNS-1123 subdomain (most object names): dotted labels, at most 253", () => {
        assert.strictEqual(subdomain253.length, 253);
        rule(
            isDns1123Subdomain,
            ["a", "a.b", "a-b.c-d", "0.example.com", subdomain253],
            ["", ".a", "a.", "a..b", "a.-b", "A.b", "a_b", `${subdomain253}a`],
            /^must be a DNS-1123 subdomain: .* at most 253 characters$/,
        );
    });

    it("DNS-1035 label: as DNS-1123 but starting with a letter", () => {
        rule(
            isDns1035Label,
            ["a", "a1", "a-b", label63],
            ["", "1a", "-a", "a-", "A", "a.b", `${label63}a`],
            /^must be a DNS-1035 label: .*starting with a letter/,
        );
    });

    it("label keys: an optional DNS-1123 subdomain prefix and one '/', then a name of at most 63", () => {
        rule(
            isLabelKey,
            [
                "app",
                "A_b.c-D",
                "kubernetes.io/os",
                "app.kubernetes.io/name",
                label63,
                `example.com/${label63}`,
                `${subdomain253}/x`,
            ],
            ["", "_a", "a_", "-a", `${label63}b`, "example.com/", "a b"],
            /^must have a name part of at most 63 alphanumeric characters/,
        );
        rule(
            isLabelKey,
            [],
            ["/name", "Example.com/name", "a_b/name", ".a/name", `${subdomain253}a/x`],
            /^must have a DNS-1123 subdomain before its '\/'$/,
        );
        rule(isLabelKey, [], ["a/b/c", "//"], /^must be a name with an optional DNS subdomain prefix and one '\/'$/);
    });

    it("label values: empty, or at most 63 alphanumerics, '-', '_' or '.' with alphanumeric ends", () => {
        rule(
            isLabelValue,
            ["", "a", "A_b.c-D", "1", label63],
            ["-a", "a-", "_a", "a.", "a b", "a/b", `${label63}a`],
            /^must be empty or at most 63 alphanumeric characters/,
        );
    });

    it("port names: IANA service names of 1 to 15 of [-a-z0-9], with a letter, no '-' at an end, no '--'", () => {
        rule(
            isPortName,
            ["http", "h2c", "a", "web-1", "a1-b2", "a".repeat(15), "1a"],
            ["", "a".repeat(16), "HTTP", "8080", "-web", "web-", "we--b", "a_b", "a.b"],
            /^must be an IANA service name: 1 to 15 lowercase letters/,
        );
    });

    describe("label maps (labels, nodeSelector)", () => {
        it("accepts label keys mapped to label values, including empty values and an empty map", () => {
            assert.strictEqual(labelMap({}), undefined);
            assert.strictEqual(labelMap({ "kubernetes.io/os": "linux", team: "", "a.b/c_d": "E-f.1" }), undefined);
            assert.strictEqual(labelMap(Object.assign(Object.create(null), { a: "b" })), undefined);
        });

        it("refuses what is not a map, saying what it got", () => {
            for (const [bad, shown] of [
                [null, "null"],
                ["a=b", '"a=b"'],
                [["a"], '["a"]'],
                [undefined, "undefined"],
            ] as const) {
                assert.strictEqual(labelMap(bad), `must be a map of label keys to label values, got ${shown}`);
            }
        });

        it("names the offending key or value and why", () => {
            assert.strictEqual(
                labelMap({ ok: "x", "bad key": "x" }),
                `has the key "bad key", which ${isLabelKey("bad key")}`,
            );
            assert.strictEqual(labelMap({ ok: "x", n: 1 }), 'must map "n" to a string, got 1');
            assert.strictEqual(labelMap({ ok: "x", v: "-x" }), `maps "v" to "-x", which ${isLabelValue("-x")}`);
        });
    });
});
