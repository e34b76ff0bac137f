// The stack program. It creates nothing yet: the configurable stack (existing or new cluster, controller and apps
// from config) is the stack-program issue. Import the components from "eks-alb-ingress" in your own program today.
export {};
