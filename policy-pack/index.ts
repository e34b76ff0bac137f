/** The `eks-alb-ingress-guard` policy pack. Only this module constructs the pack; tests import `./policies`. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("eks-alb-ingress-guard", { policies });
