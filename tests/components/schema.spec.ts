import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { ARGUMENT_NAMES } from "../../components/controller/controllerArgs";

const PACKAGE_DIR = path.resolve(__dirname, "..", "..", "components");

/**
 * Runs the Pulumi SDK's source-based component analyzer (what `pulumi package add` uses to serve the package to
 * other languages) over the package, proving the args types can become a schema.
 */
describe("multi-language schema", function () {
    this.timeout(120000);
    let schema: any;
    before(() => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
        const analyzer = new Analyzer(PACKAGE_DIR, pkg.name, pkg, new Set(["AlbIngressController"]));
        const { components, typeDefinitions, dependencies } = analyzer.analyze();
        schema = generateSchema(pkg.name, pkg.version, pkg.description, components, typeDefinitions, dependencies);
    });

    it("infers AlbIngressController under the package's type token", () => {
        assert.ok(schema.resources["eks-alb-ingress:index:AlbIngressController"]);
    });

    it("exposes every argument as an input, with its documentation", () => {
        const r = schema.resources["eks-alb-ingress:index:AlbIngressController"];
        assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [...ARGUMENT_NAMES].sort());
        for (const input of ARGUMENT_NAMES) {
            assert.ok(r.inputProperties[input].description, `description of ${input}`);
        }
        assert.deepStrictEqual(r.requiredInputs ?? [], []);
    });

    it("exposes the outputs", () => {
        const r = schema.resources["eks-alb-ingress:index:AlbIngressController"];
        for (const output of [
            "roleArn",
            "policyArn",
            "serviceAccountName",
            "namespace",
            "ingressClassName",
            "chartVersion",
            "controllerVersion",
        ]) {
            assert.ok(r.properties[output], `output ${output}`);
        }
    });

    it("turns the identity and certificate modes into string enums", () => {
        const identity = schema.types["eks-alb-ingress:index:ControllerIdentity"];
        assert.deepStrictEqual(identity.enum.map((e: { value: string }) => e.value).sort(), ["irsa", "podIdentity"]);
        const certs = schema.types["eks-alb-ingress:index:WebhookCertificates"];
        assert.deepStrictEqual(certs.enum.map((e: { value: string }) => e.value).sort(), ["certManager", "selfSigned"]);
    });
});
