import * as assert from "assert";
import { inspect } from "util";
import { CONFIG_KEYS, ConfigError, ConfigErrors, parseStackConfig, readStackConfig } from "../../stack/config";
import { AUTO_MODE_MIN_KUBERNETES } from "../../stack/loadBalancing";

/** The config as the engine hands it to the program: every value a string, objects as JSON. */
const engine =
    (values: Record<string, string>) =>
    (key: string): string | undefined =>
        values[key];

/** The ConfigErrors `run` throws. */
function thrown(run: () => unknown): ConfigErrors {
    try {
        run();
    } catch (e) {
        if (e instanceof ConfigErrors) return e;
        throw e;
    }
    assert.fail("no ConfigErrors thrown");
}

/** The one message about `key` when a stack sets `present` (besides a valid clusterName). */
const strayMessage = (present: string): string => {
    const e = thrown(() => readStackConfig(engine({ clusterName: "c" }), ["eks-alb-ingress:clusterName", present]));
    assert.strictEqual(e.errors.length, 1, e.message);
    return e.errors[0].message;
};

describe("stack config: misspelled keys and what the error suggests", () => {
    const known = `known: ${CONFIG_KEYS.join(", ")}`;

    it("suggests nothing for a key that is no typo of a setting, and lists the known ones", () => {
        assert.strictEqual(
            strayMessage("eks-alb-ingress:replicas"),
            `config eks-alb-ingress:replicas is not a setting of this project; ${known}`,
        );
    });

    it("suggests the setting two edits away from a short key, but not three", () => {
        // "nodCont": two deletions from nodeCount, at the edge of the allowance (at least 2 edits).
        assert.strictEqual(
            strayMessage("eks-alb-ingress:nodCont"),
            `config eks-alb-ingress:nodCont is not a setting of this project (did you mean nodeCount?); ${known}`,
        );
        assert.match(strayMessage("eks-alb-ingress:ap"), /\(did you mean apps\?\)/);
        // "nodCnt" is three edits from nodeCount (and farther from every other key): no suggestion.
        assert.doesNotMatch(strayMessage("eks-alb-ingress:nodCnt"), /did you mean/);
    });

    it("allows a long key more typos (a quarter of its length)", () => {
        // Four letters missing from a 27-letter key: 23 / 4 rounds down to 5 allowed edits.
        assert.match(
            strayMessage("eks-alb-ingress:oidcProvDeleteOnDestroy"),
            /\(did you mean oidcProviderDeleteOnDestroy\?\)/,
        );
    });

    it("names a namespace nothing reads without a suggestion when none is close", () => {
        assert.strictEqual(
            strayMessage("foo:bar"),
            `config foo:bar is read by nothing in this stack: its namespace "foo" is neither the project's ("eks-alb-ingress") nor one of aws, kubernetes, eks, tls, pulumi`,
        );
        assert.match(strayMessage("aw:region"), /; did you mean aws:region\?$/);
        // An empty namespace (`pulumi config set :clusterName`; config.ParseKey in pulumi/pulumi
        // sdk/go/common/resource/config/key.go splits at the colon) is not the project's.
        assert.match(
            strayMessage(":clusterName"),
            /^config :clusterName is read by nothing in this stack: its namespace ""/,
        );
    });

    it("refuses an unknown key given to parseStackConfig (YAML values), naming it", () => {
        const e = thrown(() => parseStackConfig({ clusterName: "c", clustrName: "d" }));
        assert.deepStrictEqual(
            e.errors.map((x) => x.message),
            [`config eks-alb-ingress:clustrName is not a setting of this project; ${known}`],
        );
    });
});

describe("stack config: the error `pulumi up` prints", () => {
    // pulumi/pulumi sdk/nodejs/cmd/run/run.ts logs an unhandled error with defaultErrorMessage (cmd/run/error.ts),
    // which is util.inspect(err): its first line is "<name>: <message>".
    it("starts with ConfigErrors and holds the first problem's key, problem and namespace", () => {
        const e = thrown(() =>
            readStackConfig(engine({ clusterName: "c", nodeCount: "0" }), ["aws:region", "foo:bar"]),
        );
        assert.strictEqual(inspect(e).split("\n")[0], `ConfigErrors: ${e.errors[0].message}`);
        assert.deepStrictEqual([e.key, e.namespace], ["bar", "foo"]);
        assert.match(e.problem, /^is read by nothing in this stack/);
    });

    it("names a single problem a ConfigError", () => {
        const e = new ConfigError("assumeRoles", "must be a list of roles", "aws");
        assert.strictEqual(inspect(e).split("\n")[0], "ConfigError: config aws:assumeRoles must be a list of roles");
    });
});

describe("stack config: values as the engine passes them", () => {
    it("reads a multi-digit integer and a JSON object", () => {
        const config = readStackConfig(engine({ clusterName: "c", nodeCount: "10", controller: '{"replicaCount":3}' }));
        assert.deepStrictEqual([config.nodeCount, config.controller], [10, { replicaCount: 3 }]);
    });

    it("reads booleans as true and false, and refuses other text naming the key", () => {
        const on = readStackConfig(
            engine({ clusterName: "c", clusterMode: "new", autoMode: "true", oidcProviderDeleteOnDestroy: "false" }),
        );
        assert.deepStrictEqual([on.autoMode, on.oidcProviderDeleteOnDestroy], [true, false]);
        const off = readStackConfig(
            engine({ clusterName: "c", autoMode: "false", oidcProviderDeleteOnDestroy: "true" }),
        );
        assert.deepStrictEqual([off.autoMode, off.oidcProviderDeleteOnDestroy], [false, true]);
        const e = thrown(() => readStackConfig(engine({ clusterName: "c", autoMode: "yes" })));
        assert.deepStrictEqual(
            e.errors.map((x) => x.message),
            [`config eks-alb-ingress:autoMode must be true or false, got "yes"`],
        );
    });
});

describe("stack config: what a refused value's message says", () => {
    const messagesOf = (raw: Record<string, unknown>) =>
        thrown(() => parseStackConfig({ clusterName: "c", ...raw })).errors.map((x) => x.message);

    it("names the key and what is allowed, for the node type, the controller and an app", () => {
        assert.deepStrictEqual(messagesOf({ nodeInstanceType: ["t3.medium"] }), [
            `config eks-alb-ingress:nodeInstanceType must be an EC2 instance type such as "t3.medium", got ["t3.medium"]`,
        ]);
        assert.deepStrictEqual(messagesOf({ controller: "lbc", apps: ["web"] }), [
            `config eks-alb-ingress:controller must be an object of AlbIngressController arguments, got "lbc"`,
            `config eks-alb-ingress:apps[0] must be an object with name, image, containerPort and targetType, got "web"`,
        ]);
        assert.deepStrictEqual(messagesOf({ controller: { vpcId: "vpc-1" } }), [
            "config eks-alb-ingress:controller.vpcId comes from the cluster (clusterName, clusterMode); remove it",
        ]);
        assert.deepStrictEqual(messagesOf({ oidcProviderDeleteOnDestroy: "yes" }), [
            `config eks-alb-ingress:oidcProviderDeleteOnDestroy must be true or false, got "yes"`,
        ]);
    });

    it("reports apps without a name once each, not as owners of one namespace", () => {
        const app = { image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };
        assert.deepStrictEqual(
            thrown(() => parseStackConfig({ clusterName: "c", apps: [app, app] })).errors.map((x) => x.key),
            ["apps[0].name", "apps[1].name"],
        );
    });
});

describe("stack config: Kubernetes versions with EKS Auto Mode", () => {
    const autoMode = (kubernetesVersion: unknown) =>
        thrown(() =>
            parseStackConfig({ clusterName: "c", clusterMode: "new", autoMode: true, kubernetesVersion }),
        ).errors.map((x) => x.message);

    it("refuses a minor version older than Auto Mode's, saying which it needs", () => {
        assert.deepStrictEqual(autoMode("1.28"), [
            `config eks-alb-ingress:kubernetesVersion must be ${AUTO_MODE_MIN_KUBERNETES} or newer with autoMode: true (EKS Auto Mode requires Kubernetes ${AUTO_MODE_MIN_KUBERNETES} or greater), got "1.28"`,
        ]);
    });

    it("reports a malformed version once, as a malformed version", () => {
        for (const v of ["v1.28", "1.28.1", 1.28]) {
            const messages = autoMode(v);
            assert.strictEqual(messages.length, 1, JSON.stringify(messages));
            assert.match(messages[0], /kubernetesVersion must be a Kubernetes minor version such as "1\.33"/);
        }
    });
});
