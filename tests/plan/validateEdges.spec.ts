import * as assert from "assert";
import type { Recorded } from "../../plan/engine";
import { aRecorded } from "../harness/graph";
import type { CrdManifest } from "../../plan/crdSchema";
import {
    type KubernetesObject,
    helmValueProblems,
    kubernetesObjects,
    recordedCrds,
    schemaProblems,
} from "../../plan/validate";

const rec = (type: string, inputs: Record<string, unknown> = {}, custom = true): Recorded =>
    aRecorded({
        urn: `urn:pulumi:dev::p::${type}::${String((inputs.metadata as { name?: string })?.name ?? "r")}`,
        type,
        name: "r",
        custom,
        inputs,
    });

const widgetCrd = (apiVersion = "apiextensions.k8s.io/v1") => ({
    apiVersion,
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
        group: "example.com",
        names: { kind: "Widget" },
        versions: [
            {
                name: "v1",
                served: true,
                schema: {
                    openAPIV3Schema: {
                        type: "object",
                        properties: {
                            apiVersion: { type: "string" },
                            kind: { type: "string" },
                            spec: { type: "object", properties: { size: { type: "integer" } } },
                        },
                    },
                },
            },
        ],
    },
});

describe("plan validation: which objects are checked, and against what", () => {
    it("checks the Kubernetes objects only: not Helm releases, providers or components", () => {
        const service = rec("kubernetes:core/v1:Service", {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "s" },
        });
        const found = kubernetesObjects([
            service,
            rec("kubernetes:helm.sh/v3:Release", { chart: "x" }),
            rec("pulumi:providers:kubernetes"),
            rec("kubernetes:yaml/v2:ConfigGroup", {}, false),
            rec("aws:iam/role:Role"),
        ]);
        assert.deepStrictEqual(found, [{ resource: service, object: service.inputs }]);
    });

    it("takes the CRDs the plan applies from apiextensions.k8s.io/v1 CustomResourceDefinitions only", () => {
        const v1 = widgetCrd();
        const list = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinitionList", items: [v1] };
        const objects = [v1, widgetCrd("apiextensions.k8s.io/v1beta1"), list, { apiVersion: "v1", kind: "ConfigMap" }];
        assert.deepStrictEqual(recordedCrds(objects.map((object) => ({ object: object as KubernetesObject }))), [v1]);
    });

    it("checks a custom resource against a CRD the plan applies, naming the field", () => {
        const crds = [widgetCrd() as CrdManifest];
        const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { size: "big" } };
        assert.deepStrictEqual(schemaProblems(widget, "kubernetes:example.com/v1:Widget", crds), [
            'Widget.spec.size: must be of type integer, got "big"',
        ]);
        assert.deepStrictEqual(schemaProblems({ ...widget, spec: { size: 3 } }, undefined, crds), []);
        assert.deepStrictEqual(schemaProblems(widget), ["no schema for example.com/v1 Widget"]);
    });

    it("checks only the name of a patch, whose other fields come from the live object", () => {
        const patch = { apiVersion: "cert-manager.io/v1", kind: "Certificate", spec: {} };
        const type = "kubernetes:cert-manager.io/v1:CertificatePatch";
        assert.deepStrictEqual(schemaProblems({ ...patch, metadata: { name: "c" } }, type), []);
        assert.deepStrictEqual(schemaProblems({ ...patch, metadata: {} }, type), [
            "a patch of cert-manager.io/v1 Certificate must name its object",
        ]);
        assert.deepStrictEqual(schemaProblems(patch, type), [
            "a patch of cert-manager.io/v1 Certificate must name its object",
        ]);
        const configMapPatch = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: 1 } };
        assert.deepStrictEqual(schemaProblems(configMapPatch, "kubernetes:core/v1:ConfigMapPatch"), []);
        assert.notDeepStrictEqual(schemaProblems(configMapPatch, "kubernetes:core/v1:ConfigMap"), []);
        assert.notDeepStrictEqual(schemaProblems(configMapPatch, "other:core/v1:ConfigMapPatch"), []);
    });

    it("leaves EKS Auto Mode's IngressClassParams unchecked (no published schema), and no other kind of its group", () => {
        const params = { apiVersion: "eks.amazonaws.com/v1", kind: "IngressClassParams", metadata: { name: "alb" } };
        assert.deepStrictEqual(schemaProblems(params), []);
        assert.deepStrictEqual(schemaProblems({ ...params, kind: "NodeClass" }), [
            "no schema for eks.amazonaws.com/v1 NodeClass",
        ]);
    });
});

describe("plan validation: Helm values against the chart's values.yaml", () => {
    const release = (chart: string, version: string, values?: Record<string, unknown>) =>
        rec("kubernetes:helm.sh/v3:Release", { chart, version, ...(values ? { values } : {}) });

    it("names each value key the controller chart does not have, by its chart name or an oci:// reference", () => {
        const values = { replicaCount: 1, image: { tag: "v2.17.1", tga: "x" }, nope: true };
        for (const chart of ["aws-load-balancer-controller", "oci://public.ecr.aws/eks/aws-load-balancer-controller"]) {
            assert.deepStrictEqual(helmValueProblems(release(chart, "1.17.1", values)), [
                `image.tga is not a value of chart ${chart} 1.17.1`,
                `nope is not a value of chart ${chart} 1.17.1`,
            ]);
        }
        assert.deepStrictEqual(helmValueProblems(release("aws-load-balancer-controller", "1.17.1")), []);
    });

    it("checks cert-manager's values for the bundled version only, and says when no values.yaml is bundled", () => {
        assert.deepStrictEqual(helmValueProblems(release("cert-manager", "v1.21.1", { crds: {}, nope: 1 })), [
            "nope is not a value of chart cert-manager v1.21.1",
        ]);
        assert.deepStrictEqual(helmValueProblems(release("cert-manager", "v1.20.0", { nope: 1 })), [
            "no bundled values.yaml for chart cert-manager v1.20.0",
        ]);
        assert.deepStrictEqual(helmValueProblems(release("other-chart", "v1.21.1")), [
            "no bundled values.yaml for chart other-chart v1.21.1",
        ]);
    });
});
