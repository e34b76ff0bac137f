/**
 * The webhook CA that `webhookCertificates: "selfSigned"` makes keeps the key usages it was released with. The API
 * server needs only certificate signing on it (the serving certificate's server_auth is checked in
 * controllerWiring.spec.ts), but `allowed_uses` forces replacement in the tls provider (terraform-provider-tls
 * `listplanmodifier.RequiresReplace`): any change would rotate the CA and the serving certificate of every existing
 * stack on its next `pulumi up`. The set is the chart's own `genCA` CA (Masterminds/sprig crypto.go
 * `generateCertificateAuthorityWithKeyInternal`: KeyEncipherment | DigitalSignature | CertSign) plus CRL signing.
 */
import * as assert from "assert";
import { AlbIngressController } from "../../../components/index";
import { controllerArgs } from "../../harness/fixtures";
import { one } from "../../harness/graph";
import { settle } from "../../harness/mocks";

const CA = "tls:index/selfSignedCert:SelfSignedCert";
const CERT = "tls:index/locallySignedCert:LocallySignedCert";

describe("AlbIngressController: the self-signed webhook CA's key usages", () => {
    beforeEach(async () => {
        new AlbIngressController("usages", controllerArgs({ webhookCertificates: "selfSigned" }));
        await settle();
    });

    it("keeps the released usages (no CA rotation on upgrade): cert and CRL signing, digital signature, key encipherment", () => {
        const ca = one(CA).inputs;
        assert.strictEqual(ca.isCaCertificate, true);
        assert.deepStrictEqual(ca.allowedUses, [
            "cert_signing",
            "crl_signing",
            "digital_signature",
            "key_encipherment",
        ]);
    });

    it("covers every usage of the chart's own genCA CA, so switching from the chart's certificate loses none", () => {
        const uses: string[] = one(CA).inputs.allowedUses;
        for (const use of ["cert_signing", "digital_signature", "key_encipherment"]) assert.ok(uses.includes(use), use);
    });

    it("gives the serving certificate no CA usage", () => {
        const uses: string[] = one(CERT).inputs.allowedUses;
        assert.ok(!uses.includes("cert_signing") && !uses.includes("crl_signing"), String(uses));
    });
});
