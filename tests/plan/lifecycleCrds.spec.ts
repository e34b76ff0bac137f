import * as assert from "assert";
import {
    appliedCrd,
    isCrdType,
    storedVersionErrors,
    storedVersionsOf,
    upsertsExisting,
} from "../../plan/lifecycle/crds";

/** A CRD manifest serving `versions`, the one marked `*` as its storage version. */
function crd(name: string, ...versions: string[]): Record<string, any> {
    return {
        metadata: { name },
        spec: {
            versions: versions.map((v) => ({
                name: v.replace("*", ""),
                served: true,
                storage: v.endsWith("*"),
            })),
        },
    };
}

describe("lifecycle: CRDs", () => {
    it("knows the CRD type token only", () => {
        assert.ok(isCrdType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"));
        assert.ok(!isCrdType("kubernetes:apiextensions.k8s.io/v1:CustomResource"));
        assert.ok(!isCrdType("kubernetes:apiextensions.k8s.io/v1beta1:CustomResourceDefinition"));
    });

    describe("storedVersionsOf", () => {
        it("the live object's status.storedVersions when it has some", () => {
            const live = { ...crd("a.x", "v1", "v2*"), status: { storedVersions: ["v1", "v2"] } };
            assert.deepStrictEqual(storedVersionsOf(live), ["v1", "v2"]);
        });

        it("else its storage version (an empty status is no record)", () => {
            assert.deepStrictEqual(storedVersionsOf(crd("a.x", "v1beta1", "v1*")), ["v1"]);
            assert.deepStrictEqual(storedVersionsOf({ ...crd("a.x", "v1*"), status: { storedVersions: [] } }), ["v1"]);
            assert.deepStrictEqual(storedVersionsOf({ ...crd("a.x", "v1*"), status: { storedVersions: "v9" } }), [
                "v1",
            ]);
            assert.deepStrictEqual(storedVersionsOf(undefined), []);
            assert.deepStrictEqual(storedVersionsOf({ metadata: { name: "a.x" } }), []);
        });

        it("a version is storage only when `storage` is true", () => {
            const odd = {
                spec: {
                    versions: [
                        { name: "v1", storage: "true" },
                        { name: "v2", storage: true },
                    ],
                },
            };
            assert.deepStrictEqual(storedVersionsOf(odd), ["v2"]);
        });
    });

    describe("storedVersionErrors (apiextensions ValidateCustomResourceDefinitionStoredVersions)", () => {
        it("refuses a CRD that no longer lists a stored version, with the API server's message per version", () => {
            const live = { ...crd("gateways.x", "v1beta1", "v1*"), status: { storedVersions: ["v1beta1", "v1"] } };
            assert.deepStrictEqual(storedVersionErrors(live, crd("gateways.x", "v1beta1*")), [
                'CustomResourceDefinition.apiextensions.k8s.io "gateways.x" is invalid: status.storedVersions[1]: ' +
                    'Invalid value: "v1": must appear in spec.versions',
            ]);
            assert.strictEqual(storedVersionErrors(live, { metadata: { name: "gateways.x" } }).length, 2);
            // a manifest without metadata (which the API server refuses anyway) is still judged, not a crash
            assert.match(
                storedVersionErrors(live, {}).join("\n"),
                /^CustomResourceDefinition\.apiextensions\.k8s\.io "" is invalid/,
            );
        });

        it("accepts a CRD that keeps every stored version, even as a non-storage one, and a first apply", () => {
            const live = crd("gateways.x", "v1*");
            assert.deepStrictEqual(storedVersionErrors(live, crd("gateways.x", "v1", "v2*")), []);
            assert.deepStrictEqual(storedVersionErrors(undefined, crd("gateways.x", "v2*")), []);
        });
    });

    describe("appliedCrd", () => {
        it("the new storage version joins the stored ones, each once, old ones first", () => {
            const live = { ...crd("a.x", "v1*"), status: { storedVersions: ["v1"] } };
            const next = crd("a.x", "v1", "v2*");
            assert.deepStrictEqual(appliedCrd(live, next), { ...next, status: { storedVersions: ["v1", "v2"] } });
            assert.deepStrictEqual(appliedCrd(live, crd("a.x", "v1*")).status, { storedVersions: ["v1"] });
        });

        it("a first apply stores its storage version", () => {
            assert.deepStrictEqual(appliedCrd(undefined, crd("a.x", "v1*")).status, { storedVersions: ["v1"] });
        });
    });

    describe("upsertsExisting (pulumi-kubernetes await.go Creation, provider.go Configure)", () => {
        it("adopts existing objects with upsertExistingObjects and server-side apply left on", () => {
            assert.ok(upsertsExisting({ upsertExistingObjects: "true" }));
            assert.ok(upsertsExisting({ upsertExistingObjects: true, enableServerSideApply: "true" }));
        });

        it("not without upsertExistingObjects, nor with server-side apply turned off, nor without a provider", () => {
            assert.ok(!upsertsExisting({}));
            assert.ok(!upsertsExisting({ upsertExistingObjects: "false" }));
            assert.ok(!upsertsExisting({ upsertExistingObjects: "yes" }));
            assert.ok(!upsertsExisting({ upsertExistingObjects: "true", enableServerSideApply: "false" }));
            assert.ok(!upsertsExisting({ upsertExistingObjects: true, enableServerSideApply: false }));
            assert.ok(!upsertsExisting(undefined));
        });
    });
});
