/**
 * The GatewayClass whose Gateways the controller provisions ALBs for. Created by `AlbIngressController` with
 * `gatewayApi`, after the release, so that the controller that accepts it (and holds its finalizer) is running.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "../common/naming";
import { ALB_GATEWAY_CONTROLLER, GATEWAY_API_GROUP } from "./gatewayApi";

/** The GatewayClass object (`gateway.networking.k8s.io/v1`, cluster-scoped) named `className`. */
export function gatewayClassObject(className: string): {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec: { controllerName: string; description: string };
} {
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: "GatewayClass",
        metadata: { name: className },
        spec: {
            controllerName: ALB_GATEWAY_CONTROLLER,
            description: "Application Load Balancers of the AWS Load Balancer Controller",
        },
    };
}

/**
 * Creates the GatewayClass. The controller adds its finalizer to the class and removes it only when no Gateway
 * uses the class any more (kubernetes-sigs/aws-load-balancer-controller `controllers/gateway/gateway_class_controller.go`
 * `handleDelete`: "still referenced by Gateways"), so every Gateway must be deleted first: Gateways that take the
 * class name from the controller's `gatewayClassName` output depend on this resource and are.
 */
export function createGatewayClass(
    name: string,
    className: string,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(childName(name, "gatewayClass"), gatewayClassObject(className), opts);
}
