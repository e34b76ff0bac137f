/** Shared by the IngressApp specs: the type tokens of what an app registers, and the annotation prefix. */

/** Type tokens of the app component and the objects it (or what serves it) registers. */
export const T = {
    app: "eks-alb-ingress:index:IngressApp",
    ns: "kubernetes:core/v1:Namespace",
    deploy: "kubernetes:apps/v1:Deployment",
    svc: "kubernetes:core/v1:Service",
    ing: "kubernetes:networking.k8s.io/v1:Ingress",
    route: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    tgc: "kubernetes:gateway.k8s.aws/v1beta1:TargetGroupConfiguration",
    gateway: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
    cls: "kubernetes:networking.k8s.io/v1:IngressClass",
    params: "kubernetes:eks.amazonaws.com/v1:IngressClassParams",
    release: "kubernetes:helm.sh/v3:Release",
} as const;

/** An `alb.ingress.kubernetes.io/` annotation key. */
export const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
