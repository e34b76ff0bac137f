/**
 * The `adopt` config (stack/migration.ts) at its edges: ids that are not text or not object names, a stack whose
 * other settings are wrong, a kind the stack declares nothing of, and a resource whose metadata cannot take the
 * patchForce annotation.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import { NO_ADOPTION, PATCH_FORCE_ANNOTATION, adoptTransformations, checkAdoptConfig } from "../../stack/migration";
import { childName } from "../../components/common/naming";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };
const ID_FORMAT = 'must be "<namespace>/<name>" (a DNS-1123 label, "/", a DNS-1123 subdomain)';

/** `checkAdoptConfig`'s result and problems (`key: message`). */
function checked(raw: unknown, declaring = { controller: {}, apps: [APP] }) {
    const problems: string[] = [];
    const adopt = checkAdoptConfig(raw, declaring, (key, message) => problems.push(`${key}: ${message}`));
    return { adopt, problems };
}

describe("migration: adopt ids at their edges", () => {
    it("refuses an id that is not text, or whose name is no object name", () => {
        assert.deepStrictEqual(checked({ services: [3, "web/Web_Service"] }).problems, [
            `adopt.services[0]: ${ID_FORMAT}, got 3`,
            `adopt.services[1]: ${ID_FORMAT}, got "web/Web_Service"`,
        ]);
    });

    it("says so when the stack declares no object of the kind", () => {
        assert.deepStrictEqual(checked({ ingresses: ["web/web"] }, { controller: {}, apps: [] }).problems, [
            'adopt.ingresses[0]: names "web/web", which this stack does not declare; the Ingress objects it declares: none',
        ]);
    });

    it("takes no adopt value as nothing to adopt", () => {
        assert.deepStrictEqual(checked(undefined), { adopt: NO_ADOPTION, problems: [] });
    });

    it("checks only the ids' form while the rest of the stack's config is wrong", () => {
        const problems: string[] = [];
        const adopt = checkAdoptConfig({ services: ["x/y"] }, undefined, (key, message) =>
            problems.push(`${key}: ${message}`),
        );
        assert.deepStrictEqual([adopt.services, problems], [["x/y"], []]);
        assert.throws(
            () => parseStackConfig({ clusterName: "bad name", apps: [APP], adopt: { services: ["x/y"] } }),
            (e: unknown) => e instanceof ConfigErrors && e.errors.map((x) => x.key).join() === "clusterName",
        );
    });
});

describe("migration: adopting a resource whose metadata is an Output", () => {
    const [adoptNamespace] = adoptTransformations({
        controller: {},
        apps: [APP],
        adopt: { ...NO_ADOPTION, namespaces: ["web"] },
    });
    const transform = (metadata: unknown) =>
        adoptNamespace({
            type: "kubernetes:core/v1:Namespace",
            name: childName("web", "namespace"),
            props: { metadata },
            opts: {},
        } as unknown as pulumi.ResourceTransformationArgs);
    const refusal = `adopt: kubernetes:core/v1:Namespace declares its metadata as an Output; cannot add ${PATCH_FORCE_ANNOTATION}`;

    it("refuses it, naming the type and the annotation, instead of losing the annotation", () => {
        assert.throws(() => transform(pulumi.output({ name: "web" })), { message: refusal });
        assert.throws(() => transform({ name: "web", annotations: pulumi.output({ team: "a" }) }), {
            message: refusal,
        });
    });

    it("adds the annotation to plain metadata, keeping the others", () => {
        const result = transform({ name: "web", annotations: { team: "a" } });
        assert.deepStrictEqual(result?.props.metadata, {
            name: "web",
            annotations: { team: "a", [PATCH_FORCE_ANNOTATION]: "true" },
        });
    });
});
