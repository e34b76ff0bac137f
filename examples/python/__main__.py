"""The runbook's stack (the TypeScript program's Pulumi.dev.yaml) in Python.

The AWS Load Balancer Controller on the existing cluster "eksworkshop", and the runbook's two apps behind
internet-facing ALBs over plain HTTP, from the eks-alb-ingress package through the SDK `pulumi package add` generates:
module pulumi_eks_alb_ingress, one class per component, arguments in snake_case (pulumi/pulumi
pkg/codegen/python: PyPack, PyName). Not run in this repository; tests/examples/examples.spec.ts checks every call
and attribute against components/schema.json. See ../README.md.
"""

import json

import pulumi
import pulumi_aws as aws
import pulumi_eks_alb_ingress as eks_alb_ingress
import pulumi_kubernetes as k8s

config = pulumi.Config()
cluster_name = config.get("clusterName") or "eksworkshop"

cluster = aws.eks.get_cluster(name=cluster_name)
region = aws.get_region().region
account_id = aws.get_caller_identity().account_id
partition = aws.get_partition().partition

# The runbook associated the cluster's IAM OIDC provider (eksctl utils associate-iam-oidc-provider).
issuer = cluster.identities[0].oidcs[0].issuer
oidc_provider_arn = f"arn:{partition}:iam::{account_id}:oidc-provider/{issuer.removeprefix('https://')}"

# Tokens from `aws eks get-token`, as the TypeScript stack's kubeconfig (stack/kubeconfig.ts).
kubeconfig = json.dumps(
    {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": cluster_name,
                "cluster": {
                    "server": cluster.endpoint,
                    "certificate-authority-data": cluster.certificate_authorities[0].data,
                },
            }
        ],
        "contexts": [{"name": cluster_name, "context": {"cluster": cluster_name, "user": cluster_name}}],
        "current-context": cluster_name,
        "users": [
            {
                "name": cluster_name,
                "user": {
                    "exec": {
                        "apiVersion": "client.authentication.k8s.io/v1beta1",
                        "command": "aws",
                        "args": ["eks", "get-token", "--cluster-name", cluster_name, "--region", region,
                                 "--output", "json"],
                    }
                },
            }
        ],
    }
)
k8s_provider = k8s.Provider("k8s", kubeconfig=kubeconfig)
# CRDs that the runbook's `helm install` left are adopted: server-side apply and upserts (crdProviderArgs).
crd_provider = k8s.Provider(
    "k8s-crds", kubeconfig=kubeconfig, enable_server_side_apply=True, upsert_existing_objects=True
)

controller = eks_alb_ingress.AlbIngressController(
    "lbc",
    cluster_name=cluster_name,
    vpc_id=cluster.vpc_config.vpc_id,
    region=region,
    kubernetes_version=cluster.version,
    oidc_provider_arn=oidc_provider_arn,
    crd_provider=crd_provider,
    version="v3.5.0",
    identity="irsa",
    webhook_certificates="certManager",
    replicas=2,
    opts=pulumi.ResourceOptions(providers=[k8s_provider]),
)

# The controller's output carries the dependency on its release: each app is created after it, deleted before it.
alb_test = eks_alb_ingress.IngressApp(
    "alb-test-01",
    namespace="alb-test-01",
    image="public.ecr.aws/z9d2n7e1/nginx:1.28.0",
    container_port=80,
    service_port=8080,
    target_type="instance",
    scheme="internet-facing",
    ingress_class_name=controller.ingress_class_name,
    opts=pulumi.ResourceOptions(providers=[k8s_provider]),
)

frontend = eks_alb_ingress.IngressApp(
    "ecsdemo-frontend",
    namespace="ecsdemo-frontend",
    image="public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50",
    container_port=3000,
    replicas=3,
    target_type="ip",
    scheme="internet-facing",
    health_check_path="/health",
    liveness_probe={"initial_delay_seconds": 120},
    node_selector={"nodegroup-type": "backend-workloads"},
    ingress_class_name=controller.ingress_class_name,
    opts=pulumi.ResourceOptions(providers=[k8s_provider]),
)

pulumi.export("controllerRoleArn", controller.role_arn)
pulumi.export("appUrls", {"alb-test-01": alb_test.url, "ecsdemo-frontend": frontend.url})
