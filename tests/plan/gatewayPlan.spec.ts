/**
 * The shipped Gateway API example stack (Pulumi.gateway.yaml) through the plan and the lifecycle world: valid
 * objects written under out/, created after the controller and its GatewayClass, changed by nothing on a second up,
 * deleted routes first and CRDs last; and the Gateway API turned on for the running dev stack without replacing
 * its release or CRDs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { type KubernetesObject, schemaProblems } from "../../plan/validate";
import { apiServerProblems } from "../../plan/apiServer";
import { destroy, emptyWorld, up } from "../../plan/lifecycle/world";
import { applyStep } from "../../plan/lifecycle/scenarios";
import { loadStackFiles } from "../../plan/stackFiles";
import { type PlanRun, ROOT, planInProcess } from "./runPlan";

describe("plan: the gateway example stack", function () {
    this.timeout(180000);

    let run: PlanRun;
    let out: string;
    before(async () => {
        out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-gw-")), "out");
        run = await planInProcess(["--stack", "gateway", "--out", out]);
    });

    it("succeeds with every object valid and no mandatory violation", () => {
        assert.strictEqual(run.status, 0, run.stderr + run.stdout);
        assert.match(run.stdout, /Plan OK: 0 mandatory violation\(s\), 0 invalid object\(s\)\./);
    });

    it("writes the Gateway API objects under out/kubernetes/, each valid against its CRD and the API server", () => {
        const file = (ns: string, name: string) => path.join(out, "kubernetes", ns, name);
        const expected = [
            file("_cluster", "GatewayClass-alb.yaml"),
            file("gateways", "Gateway-shared.yaml"),
            file("gateways", "LoadBalancerConfiguration-shared.yaml"),
            file("alb-test-01", "HTTPRoute-alb-test-01.yaml"),
            file("alb-test-01", "TargetGroupConfiguration-alb-test-01.yaml"),
            file("ecsdemo-frontend", "HTTPRoute-ecsdemo-frontend.yaml"),
        ];
        for (const f of expected) {
            assert.ok(fs.existsSync(f), `${f} in ${fs.readdirSync(path.dirname(f)).join(", ")}`);
            const object = parse(fs.readFileSync(f, "utf8")) as KubernetesObject;
            assert.deepStrictEqual([...schemaProblems(object), ...apiServerProblems(object)], [], f);
        }
        const routeFile = parse(fs.readFileSync(expected[3], "utf8"));
        assert.deepStrictEqual(
            [routeFile.spec.parentRefs[0].name, routeFile.spec.parentRefs[0].namespace],
            ["shared", "gateways"],
        );
        assert.ok(!fs.existsSync(path.join(out, "kubernetes", "alb-test-01", "Ingress-alb-test-01.yaml")));
    });

    it("creates the GatewayClass after the release, the Gateway after it, and the routes after the Gateway", () => {
        const wave = (name: string) =>
            Number(
                new RegExp(`wave\\s+(\\d+): [^\\n]*\\b${name.replace(/\./g, "\\.")}(,|$)`, "m").exec(run.stdout)?.[1],
            );
        assert.ok(wave("lbc-crd-gateways.gateway.networking.k8s.io") < wave("lbc-release"));
        assert.ok(wave("lbc-release") < wave("lbc-gateway-class"));
        assert.ok(wave("lbc-gateway-class") < wave("shared-gateway"));
        for (const app of ["alb-test-01", "ecsdemo-frontend"]) assert.ok(wave("shared-gateway") < wave(`${app}-route`));
    });

    it("reports the apps at the gateway's URL and path", () => {
        assert.match(run.stdout, /"ecsdemo-frontend":"http:\/\/k8s-gateways-shared-[^"]+\/ecsdemo"/);
        assert.match(run.stdout, /gatewayUrls: \{"shared":"http:\/\/k8s-gateways-shared-/);
    });
});

describe("lifecycle: the gateway example stack", function () {
    this.timeout(180000);

    it("changes nothing on a second up, and deletes routes, Gateway, class, release, CRDs in that order", async () => {
        const files = loadStackFiles(ROOT, "gateway");
        const first = await up(emptyWorld(), files);
        assert.deepStrictEqual(
            first.steps.flatMap((s) => s.errors),
            [],
        );
        const second = await up(first.world, files);
        assert.deepStrictEqual(
            second.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`),
            [],
        );
        const order = (await destroy(second.world)).steps.map((s) => s.name);
        const at = (name: string) => {
            const i = order.indexOf(name);
            assert.ok(i >= 0, `${name} not deleted: ${order.join(", ")}`);
            return i;
        };
        assert.ok(at("alb-test-01-route") < at("shared-gateway"));
        assert.ok(at("shared-gateway") < at("shared-lbconfig"));
        assert.ok(at("shared-gateway") < at("lbc-gateway-class"));
        assert.ok(at("lbc-gateway-class") < at("lbc-release"));
        assert.ok(at("lbc-release") < at("lbc-crd-gateways.gateway.networking.k8s.io"));
    });

    it("turns the Gateway API on for the running dev stack without replacing its release or CRDs", async () => {
        const dev = loadStackFiles(ROOT, "dev");
        const first = await up(emptyWorld(), dev);
        const on = applyStep(dev, {
            name: "gateway api on",
            patch: { controller: { gatewayApi: true } },
            config: { gateways: [{ name: "shared", routeNamespaces: "All" }] },
        });
        const next = await up(first.world, on);
        assert.deepStrictEqual(
            next.steps.flatMap((s) => [...s.errors, ...s.dangers]),
            [],
        );
        const changed = next.steps.filter((s) => s.op !== "same" && s.op !== "create");
        assert.deepStrictEqual(
            changed.map((s) => `${s.op} ${s.name}`),
            ["update lbc-release"],
        );
        assert.deepStrictEqual(
            next.steps.filter((s) => s.op === "create" && s.type.endsWith("CustomResourceDefinition")).length,
            10,
            "the Gateway API standard CRDs are created; the controller's own are kept",
        );
    });
});

describe("plan: a new cluster with EKS Auto Mode", function () {
    this.timeout(180000);

    it("plans Auto Mode's class instead of the controller, writes its objects and passes", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-auto-"));
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const config = {
            "aws:region": "us-west-2",
            "eks-alb-ingress:clusterMode": "new",
            "eks-alb-ingress:clusterName": "auto",
            "eks-alb-ingress:autoMode": true,
            "eks-alb-ingress:apps": [
                { name: "web", image: "public.ecr.aws/z9d2n7e1/nginx:1.28.0", containerPort: 80, targetType: "ip" },
            ],
        };
        fs.writeFileSync(path.join(dir, "Pulumi.auto.yaml"), JSON.stringify({ config }));
        const out = path.join(dir, "out");
        const run = await planInProcess(["--stack", "auto", "--project-dir", dir, "--out", out]);
        assert.strictEqual(run.status, 0, run.stderr + run.stdout);
        assert.match(run.stdout, /loadBalancing: "autoMode"/);
        assert.doesNotMatch(run.stdout, /kubernetes:helm\.sh\/v3:Release|aws:iam\//);
        const params = parse(
            fs.readFileSync(path.join(out, "kubernetes", "_cluster", "IngressClassParams-alb-internal.yaml"), "utf8"),
        );
        assert.deepStrictEqual([params.apiVersion, params.spec.scheme], ["eks.amazonaws.com/v1", "internal"]);
        const ingress = parse(fs.readFileSync(path.join(out, "kubernetes", "web", "Ingress-web.yaml"), "utf8"));
        assert.strictEqual(ingress.spec.ingressClassName, "alb-internal");
    });
});
