/**
 * The ALBs a stack's Ingresses make, read the way the AWS Load Balancer Controller builds them
 * (kubernetes-sigs/aws-load-balancer-controller):
 * - which Ingresses it serves: `pkg/ingress/group_loader.go` `classifyIngress` (the `kubernetes.io/ingress.class`
 *   annotation, matched against `--ingress-class`, wins over `spec.ingressClassName`; otherwise the IngressClass,
 *   or the default IngressClass, must name controller `ingress.k8s.aws/alb`) and `pkg/ingress/class_loader.go`;
 * - which ALB an Ingress joins: `loadGroupID` (IngressClassParams `group.name`, else annotation `group.name`, else
 *   the Ingress alone);
 * - an Ingress's listeners: `pkg/ingress/model_build_listener.go` `computeIngressListenPortConfigByPort` (explicit
 *   certificates from IngressClassParams or `certificate-arn`, or an ACM certificate from `create-acm-cert`, make the
 *   default listener HTTPS:443; with an HTTPS port and no explicit certificate, certificates are discovered for the
 *   rule hosts and TLS hosts, `computeIngressInferredTLSCertARNs`), merged per port across the group
 *   (`model_builder.go` `mergeListenPortConfigs`);
 * - the ALB's scheme (`model_build_load_balancer.go` `buildLoadBalancerScheme`: IngressClassParams, else the
 *   annotation, else `--default-load-balancer-scheme`, default internal), SSL redirect (`buildSSLRedirectConfig`:
 *   any member's IngressClassParams `sslRedirectPort` or `ssl-redirect` applies to every HTTP listener), and WAF
 *   (`model_build_load_balancer_addons.go` `buildWAFv2WebACLAssociation`; `none` disassociates).
 * The controller's settings come from its Helm release in the stack (values `ingressClass`,
 * `createIngressClassResource`, `ingressClassParams`, `ingressClassConfig.default`, `defaultTargetType`,
 * `defaultLoadBalancerScheme`; `templates/ingressclass.yaml`, `templates/deployment.yaml`), IngressClass and
 * IngressClassParams objects in the stack, and the policy config `albIngressClasses`. Annotation values are read
 * with the component's readers of the controller's parsers (rules/annotationValues.ts, package eks-alb-ingress-rules). EKS Auto Mode classes
 * (controller `eks.amazonaws.com/alb`) are served the same way, with default target type `ip`.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { isControllerRelease } from "./release";
import { groupNameProblem, readBool, readListenPorts, readStringList } from "eks-alb-ingress-rules";
import { ALB_PREFIX, INGRESS_TYPES, annotationsOf, arr, configOf, get, isObj, str, strings, type Obj } from "./util";

export const ALB_CONTROLLERS = ["ingress.k8s.aws/alb", "eks.amazonaws.com/alb"];
const INGRESS_CLASS_TYPE = "kubernetes:networking.k8s.io/v1:IngressClass";
const PARAMS_TYPES = [
    "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
    "kubernetes:eks.amazonaws.com/v1:IngressClassParams",
];

/** An IngressClass the controller may serve. `params` is `undefined` when the class has none or they are unknown. */
interface ClassInfo {
    readonly controller: string;
    readonly params?: Obj;
}

/** What the stack tells about the controller and its classes. */
export interface ControllerView {
    /** `--ingress-class`: the value of the `kubernetes.io/ingress.class` annotation the controller serves. */
    readonly ingressClass: string;
    readonly classes: ReadonlyMap<string, ClassInfo>;
    readonly defaultClass?: string;
    readonly defaultTargetType: string;
    readonly defaultScheme: string;
    /** `--default-ssl-policy` (chart value `defaultSSLPolicy`); the controller's default is ELBSecurityPolicy-2016-08. */
    readonly defaultSslPolicy: string;
}

const nonEmptyObj = (v: unknown): Obj | undefined => (isObj(v) && Object.keys(v).length > 0 ? v : undefined);

/** The controller view of a stack (`resources` may be empty: resource policies see one object only). */
export function controllerView(
    resources: readonly PolicyResource[],
    albIngressClasses: readonly string[],
): ControllerView {
    const classes = new Map<string, ClassInfo>(albIngressClasses.map((c) => [c, { controller: ALB_CONTROLLERS[0] }]));
    let ingressClass = "alb";
    let defaultClass: string | undefined;
    let defaultTargetType = "instance";
    let defaultScheme = "internal";
    let defaultSslPolicy = "ELBSecurityPolicy-2016-08";
    const params = new Map<string, Obj>();
    for (const r of resources) {
        if (PARAMS_TYPES.includes(r.type)) {
            const name = str(get(r.props, "metadata", "name"));
            if (name !== undefined)
                params.set(`${r.type.split(":")[1].split("/")[0]}/${name}`, isObj(r.props.spec) ? r.props.spec : {});
        }
    }
    for (const r of resources) {
        if (isControllerRelease(r)) {
            const values = isObj(r.props.values) ? r.props.values : {};
            ingressClass = str(values.ingressClass) ?? "alb";
            defaultTargetType = str(values.defaultTargetType) || "instance";
            defaultScheme = str(values.defaultLoadBalancerScheme) || "internal";
            defaultSslPolicy = str(values.defaultSSLPolicy) || defaultSslPolicy;
            if (values.createIngressClassResource !== false && ingressClass !== "") {
                const icp = isObj(values.ingressClassParams) ? values.ingressClassParams : {};
                const named = str(icp.name);
                const spec = icp.create !== false ? nonEmptyObj(icp.spec) : undefined;
                classes.set(ingressClass, {
                    controller: ALB_CONTROLLERS[0],
                    params: spec ?? (named ? params.get(`elbv2.k8s.aws/${named}`) : undefined),
                });
                if (get(values, "ingressClassConfig", "default") === true) defaultClass = ingressClass;
            }
        }
    }
    for (const r of resources) {
        if (r.type !== INGRESS_CLASS_TYPE) continue;
        const name = str(get(r.props, "metadata", "name"));
        const controller = str(get(r.props, "spec", "controller"));
        if (name === undefined || controller === undefined) continue;
        const ref = get(r.props, "spec", "parameters");
        const refName = str(get(ref, "name"));
        classes.set(name, {
            controller,
            params: refName ? params.get(`${str(get(ref, "apiGroup")) ?? ""}/${refName}`) : undefined,
        });
        if (str(get(r.props, "metadata", "annotations", "ingressclass.kubernetes.io/is-default-class")) === "true") {
            defaultClass = name;
        }
    }
    return { ingressClass, classes, defaultClass, defaultTargetType, defaultScheme, defaultSslPolicy };
}

/** How the controller classifies one Ingress: served or not, and the IngressClassParams that apply to it. */
export interface Classified {
    readonly served: boolean;
    readonly params?: Obj;
    readonly autoMode: boolean;
}

/** `classifyIngress`. Ingresses of unknown classes count as served when they carry `alb.ingress.kubernetes.io/*`. */
export function classify(props: unknown, view: ControllerView): Classified {
    const ann = annotationsOf(props);
    const hasAlbAnnotations = Object.keys(ann).some((k) => k.startsWith(ALB_PREFIX));
    const byAnnotation = ann["kubernetes.io/ingress.class"];
    if (typeof byAnnotation === "string") {
        return {
            served: byAnnotation === view.ingressClass || (view.ingressClass === "" && byAnnotation === "alb"),
            autoMode: false,
        };
    }
    const name = str(get(props, "spec", "ingressClassName")) ?? view.defaultClass;
    const known = name === undefined ? undefined : view.classes.get(name);
    if (known !== undefined) {
        return {
            served: ALB_CONTROLLERS.includes(known.controller),
            params: known.params,
            autoMode: known.controller === ALB_CONTROLLERS[1],
        };
    }
    return { served: hasAlbAnnotations, autoMode: false };
}

/** One Ingress of an ALB. */
export interface Member {
    readonly resource: PolicyResource;
    readonly params?: Obj;
    readonly autoMode: boolean;
}

const nsName = (r: PolicyResource) =>
    `${str(get(r.props, "metadata", "namespace")) ?? "default"}/${str(get(r.props, "metadata", "name")) ?? r.name}`;

/** `loadGroupID`: the ALB an Ingress belongs to, or `undefined` for an invalid group name (the controller skips it). */
export function groupIdOf(props: unknown, params: Obj | undefined, fallback: string): string | undefined {
    const explicit = str(get(params, "group", "name")) ?? str(annotationsOf(props)[`${ALB_PREFIX}group.name`]);
    if (explicit === undefined) return `ingress ${fallback}`;
    return groupNameProblem(explicit) === undefined ? `group ${explicit}` : undefined;
}

/** The ALBs of the stack: served Ingresses grouped by IngressGroup. */
export function albsOf(args: StackValidationArgs): { view: ControllerView; albs: Map<string, Member[]> } {
    const { albIngressClasses } = configOf(args, { albIngressClasses: ["alb"] });
    const view = controllerView(args.resources, albIngressClasses);
    const albs = new Map<string, Member[]>();
    for (const r of args.resources) {
        if (!INGRESS_TYPES.includes(r.type)) continue;
        const c = classify(r.props, view);
        if (!c.served) continue;
        const id = groupIdOf(r.props, c.params, nsName(r));
        if (id === undefined) continue;
        const members = albs.get(id) ?? [];
        members.push({ resource: r, params: c.params, autoMode: c.autoMode });
        albs.set(id, members);
    }
    return { view, albs };
}

/** The value of annotation `suffix` of a member, unless its IngressClassParams field `field` overrides it. */
export function memberSetting(m: Member, field: string, suffix: string): string | undefined {
    const fromParams = get(m.params, field);
    if (typeof fromParams === "string" && fromParams !== "") return fromParams;
    return str(annotationsOf(m.resource.props)[`${ALB_PREFIX}${suffix}`]);
}

/** The hosts certificate discovery would look up: rule hosts and TLS hosts. */
export const discoveryHosts = (props: unknown): string[] => [
    ...arr(get(props, "spec", "rules")).flatMap((r) => strings(get(r, "host"))),
    ...arr(get(props, "spec", "tls")).flatMap((t) => strings(get(t, "hosts"))),
];

export type Protocol = "HTTP" | "HTTPS";

/** One listener port of one Ingress. */
export interface MemberListener {
    readonly protocol: Protocol;
    /** The Ingress brings a certificate source for this port (always false for HTTP). */
    readonly certificate: boolean;
    readonly sslPolicy?: string;
}

/** `computeIngressListenPortConfigByPort` for one Ingress; `undefined` when its listen-ports is malformed. */
export function memberListeners(m: Member): Map<number, MemberListener> | undefined {
    const props = m.resource.props;
    const ann = annotationsOf(props);
    const explicit =
        strings(get(m.params, "certificateArn")).length > 0 ||
        readStringList(str(ann[`${ALB_PREFIX}certificate-arn`]) ?? "").length > 0;
    const createCert = readBool(str(ann[`${ALB_PREFIX}create-acm-cert`]) ?? "").value === true;
    const raw = str(ann[`${ALB_PREFIX}listen-ports`]);
    let ports: Map<number, Protocol>;
    if (raw === undefined) {
        ports = new Map([explicit || createCert ? [443, "HTTPS"] : [80, "HTTP"]]);
    } else {
        const read = readListenPorts(raw).value;
        if (read === undefined) return undefined;
        ports = new Map(read.map((l) => [l.port, l.protocol]));
    }
    const certificate = explicit || createCert || discoveryHosts(props).length > 0;
    const sslPolicy = memberSetting(m, "sslPolicy", "ssl-policy");
    return new Map(
        [...ports].map(([port, protocol]) => [
            port,
            protocol === "HTTPS" ? { protocol, certificate, sslPolicy } : { protocol, certificate: false },
        ]),
    );
}

/** A listener of the ALB after the group's merge. */
export interface AlbListener {
    readonly port: number;
    readonly protocols: ReadonlySet<Protocol>;
    readonly certificate: boolean;
    readonly sslPolicies: ReadonlySet<string>;
    readonly members: readonly Member[];
}

/** The listeners of an ALB (`mergeListenPortConfigs`): one per port, with every member that declares it. */
export function albListeners(members: readonly Member[]): AlbListener[] {
    const byPort = new Map<
        number,
        { protocols: Set<Protocol>; certificate: boolean; sslPolicies: Set<string>; members: Member[] }
    >();
    for (const m of members) {
        for (const [port, l] of memberListeners(m) ?? []) {
            const cur = byPort.get(port) ?? {
                protocols: new Set(),
                certificate: false,
                sslPolicies: new Set(),
                members: [],
            };
            cur.protocols.add(l.protocol);
            cur.certificate ||= l.certificate;
            if (l.sslPolicy !== undefined) cur.sslPolicies.add(l.sslPolicy);
            cur.members.push(m);
            byPort.set(port, cur);
        }
    }
    return [...byPort].map(([port, l]) => ({ port, ...l }));
}

/** `buildLoadBalancerScheme`: the explicit schemes of the group (one unless they conflict), or the default. */
export function albSchemes(members: readonly Member[], view: ControllerView): string[] {
    const explicit = new Set(members.map((m) => memberSetting(m, "scheme", "scheme")).filter((s) => s !== undefined));
    return explicit.size > 0 ? [...explicit] : [view.defaultScheme];
}

/** `buildSSLRedirectConfig`: the explicit SSL redirect ports of the group. */
export const sslRedirectPorts = (members: readonly Member[]): string[] => [
    ...new Set(members.map((m) => memberSetting(m, "sslRedirectPort", "ssl-redirect")).filter((s) => s !== undefined)),
];

/**
 * The Ingress sends all its HTTP traffic to HTTPS by the older form the controller still builds: its first path
 * is a catch-all (`/` Prefix, or `/*`) whose backend is `use-annotation` of an `actions.<name>` redirect to HTTPS
 * (`pkg/ingress/config_types.go` Action, docs/examples/cognito-ingress-template.yaml).
 */
export function redirectsByAction(props: unknown): boolean {
    const ann = annotationsOf(props);
    const rules = arr(get(props, "spec", "rules"));
    return (
        rules.length > 0 &&
        rules.every((rule) => {
            const first = arr(get(rule, "http", "paths"))[0];
            const path = str(get(first, "path"));
            const catchAll = path === "/*" || (path === "/" && str(get(first, "pathType")) === "Prefix");
            // networking.k8s.io/v1 backend.service.{name,port.name}, or the v1beta1 serviceName/servicePort.
            const action = str(get(first, "backend", "service", "name")) ?? str(get(first, "backend", "serviceName"));
            const port =
                str(get(first, "backend", "service", "port", "name")) ?? str(get(first, "backend", "servicePort"));
            if (!catchAll || port !== "use-annotation" || !action) {
                return false;
            }
            try {
                // Go's encoding/json matches struct fields case-insensitively ("Type" or "type").
                const cfg = lowerKeys(JSON.parse(str(ann[`${ALB_PREFIX}actions.${action}`]) ?? "null"));
                return get(cfg, "type") === "redirect" && get(cfg, "redirectconfig", "protocol") === "HTTPS";
            } catch {
                return false;
            }
        })
    );
}

/** A JSON value with every object key lower-cased. */
const lowerKeys = (v: unknown): unknown =>
    Array.isArray(v)
        ? v.map(lowerKeys)
        : isObj(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]))
          : v;

/** `buildWAFv2WebACLAssociation`: the group's web ACL, `none`, or `undefined` when none is set. */
export function albWebAcl(members: readonly Member[]): string | undefined {
    const names = members.map((m) => memberSetting(m, "wafv2AclName", "wafv2-acl-name")).filter((s) => !!s);
    if (names.length > 0) return names[0] === "none" ? "none" : `name ${names[0]}`;
    const arns = members.map((m) => memberSetting(m, "wafv2AclArn", "wafv2-acl-arn")).filter((s) => s !== undefined);
    return arns.length > 0 ? arns[0] : undefined;
}

/** `namespace/name` of a member, for messages. */
export const memberName = (m: Member): string => nsName(m.resource);
