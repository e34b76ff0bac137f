import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { TOTAL_ANNOTATION_SIZE_LIMIT, apiServerProblems, isLabelKey, isPortName } from "../../plan/apiServer";
import type { KubernetesObject } from "../../plan/validate";
import { planInProcess } from "./runPlan";

/** A Deployment the API server accepts, with `change` applied to a copy. */
function deployment(change: (d: any) => void = () => undefined): KubernetesObject {
    const d: any = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web.v1", namespace: "apps", labels: { "app.kubernetes.io/name": "web" } },
        spec: {
            selector: { matchLabels: { app: "web" } },
            template: {
                metadata: { labels: { app: "web" } },
                spec: {
                    nodeSelector: { "nodegroup-type": "backend-workloads" },
                    containers: [{ name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 80 }] }],
                },
            },
        },
    };
    change(d);
    return d;
}

describe("API server rules the OpenAPI schemas do not check", () => {
    it("accepts what the API server accepts", () => {
        assert.deepStrictEqual(apiServerProblems(deployment()), []);
        assert.deepStrictEqual(
            apiServerProblems(<KubernetesObject>{
                apiVersion: "networking.k8s.io/v1",
                kind: "Ingress",
                metadata: { name: "web", annotations: { "alb.ingress.kubernetes.io/scheme": "internal" } },
                spec: {
                    rules: [
                        {
                            host: "*.example.com",
                            http: {
                                paths: [
                                    {
                                        path: "/api",
                                        pathType: "Prefix",
                                        backend: { service: { name: "web", port: { name: "http" } } },
                                    },
                                ],
                            },
                        },
                    ],
                },
            }),
            [],
        );
    });

    it("refuses a node-selector value with a space or '!', naming the field", () => {
        const problems = apiServerProblems(
            deployment((d) => (d.spec.template.spec.nodeSelector["nodegroup-type"] = "backend workloads!")),
        );
        assert.strictEqual(problems.length, 1);
        assert.match(
            problems[0],
            /spec\.template\.spec\.nodeSelector\["nodegroup-type"\] "backend workloads!" must be empty or at most 63/,
        );
    });

    it("refuses label keys with a bad prefix or name, and values over 63 characters", () => {
        assert.ok(isLabelKey("Example.com/x"), "an uppercase prefix is not a DNS subdomain");
        assert.ok(isLabelKey("a/b/c"));
        assert.ok(isLabelKey("x".repeat(64)));
        assert.strictEqual(isLabelKey("example.com/My_Name.1"), undefined);
        const problems = apiServerProblems(deployment((d) => (d.metadata.labels.tier = "x".repeat(64))));
        assert.match(problems.join("\n"), /metadata\.labels\["tier"\]/);
    });

    it("checks names by kind: DNS-1035 for Services, DNS-1123 labels for namespaces and containers", () => {
        const service = (name: string): KubernetesObject => ({ apiVersion: "v1", kind: "Service", metadata: { name } });
        assert.match(apiServerProblems(service("1web")).join(), /DNS-1035/);
        assert.match(apiServerProblems(service("web.v1")).join(), /DNS-1035/);
        assert.deepStrictEqual(apiServerProblems(deployment()), [], "a Deployment name may hold dots");
        assert.match(
            apiServerProblems({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team.a" } }).join(),
            /metadata\.name "team\.a" must be a DNS-1123 label/,
        );
        assert.match(
            apiServerProblems(deployment((d) => (d.spec.template.spec.containers[0].name = "Web"))).join(),
            /containers\[0\]\.name "Web"/,
        );
    });

    it("checks port names as IANA service names", () => {
        assert.strictEqual(isPortName("http-metrics"), undefined);
        for (const bad of ["8080", "http--x", "-http", "a-very-long-port-name", "HTTP"])
            assert.ok(isPortName(bad), bad);
        assert.match(
            apiServerProblems(
                deployment((d) => (d.spec.template.spec.containers[0].ports[0].name = "web_http")),
            ).join(),
            /ports\[0\]\.name/,
        );
    });

    it("limits all annotations of an object to 256 KiB together", () => {
        const half = "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT / 2);
        const at = (extra: string) =>
            apiServerProblems(
                deployment((d) => (d.metadata.annotations = { "a.example/one": half, "a.example/two": extra })),
            );
        assert.deepStrictEqual(at(""), []);
        assert.match(at(half).join(), /256 KiB/);
    });

    it("refuses Ingress paths that are not absolute or hold '//', and IP hosts", () => {
        const ing = (host: string, path: string): KubernetesObject => ({
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: { name: "web" },
            spec: {
                rules: [
                    { host, http: { paths: [{ path, pathType: "Prefix", backend: { service: { name: "web" } } }] } },
                ],
            },
        });
        assert.match(apiServerProblems(ing("a.example.com", "api")).join(), /absolute path/);
        assert.match(apiServerProblems(ing("a.example.com", "/a//b")).join(), /'\/\/'/);
        assert.match(apiServerProblems(ing("10.0.0.1", "/")).join(), /not an IP address/);
        assert.deepStrictEqual(apiServerProblems(ing("a.example.com", "/")), []);
    });
});

describe("npm run plan on a stack the API server would refuse", function () {
    this.timeout(180000);

    it("refuses a node-selector value with a space under its config key, before anything is written", async () => {
        const root = path.resolve(__dirname, "..", "..");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-apiserver-"));
        fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const dev = parse(fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8"));
        dev.config["eks-alb-ingress:apps"][1].nodeSelector = { "nodegroup-type": "backend workloads!" };
        fs.writeFileSync(path.join(dir, "Pulumi.selector.yaml"), stringify(dev));
        const r = await planInProcess(["--project-dir", dir, "--stack", "selector", "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 2, r.stderr + r.stdout);
        assert.match(
            r.stderr,
            /Pulumi\.selector\.yaml: config eks-alb-ingress:apps\[1\]\.nodeSelector maps "nodegroup-type" to "backend workloads!", which must be empty or at most 63/,
        );
        assert.ok(!fs.existsSync(path.join(dir, "out")), "no output written");
    });
});
