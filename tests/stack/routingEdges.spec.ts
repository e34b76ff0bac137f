/**
 * How the program routes each app to its load balancer (stack/routing.ts): an app's own `ingressClassName` under
 * the controller, and the Auto Mode flag the apps get only when Auto Mode runs the load balancers.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import { checkStackArguments, createStack } from "../../stack/program";
import { one, waitsFor } from "../harness/graph";
import { settle } from "../harness/mocks";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };

/** The problems `checkStackArguments` reports (`key: message`), or the decision when there are none. */
function check(raw: Record<string, unknown>, autoModeOn: boolean): string[] | string {
    try {
        return checkStackArguments(parseStackConfig({ clusterName: "c", ...raw }), autoModeOn);
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
}

describe("stack routing: an app's own ingressClassName under the controller", () => {
    it("is checked with the app's other arguments before anything is registered", () => {
        assert.deepStrictEqual(check({ apps: [{ ...APP, ingressClassName: "Bad_Class" }] }, false), [
            'apps[0].ingressClassName: must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters), got "Bad_Class"',
        ]);
    });

    it("names the app's Ingress class, which is still created after the controller's release", async () => {
        await createStack(parseStackConfig({ clusterName: "c", apps: [{ ...APP, ingressClassName: "alb-shared" }] }));
        await settle();
        const ingress = one("kubernetes:networking.k8s.io/v1:Ingress", "web-ing");
        assert.strictEqual(ingress.inputs.spec.ingressClassName, "alb-shared");
        assert.ok(waitsFor(ingress, one("kubernetes:helm.sh/v3:Release", "lbc-release")), "waits for the controller");
    });
});

describe("stack routing: Auto Mode's rules apply to the apps only on Auto Mode", () => {
    const grouped = { apps: [{ ...APP, group: { name: "shop" } }] };

    it("refuses an app's group when Auto Mode runs the load balancers", () => {
        const found = check(grouped, true);
        assert.ok(Array.isArray(found) && found.length === 1, String(found));
        assert.match(
            found[0],
            /^apps\[0\]\.group: is not supported by EKS Auto Mode; .*set it as `group` of the AutoModeIngressClass$/,
        );
    });

    it("takes the same app when the controller runs them", () => {
        assert.strictEqual(check(grouped, false), "controller");
    });
});
