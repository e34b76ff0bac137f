/**
 * The webhook CA that `webhookCertificates: "selfSigned"` makes: the same key usages as the CA the chart makes itself
 * when it generates its webhook certificate (`genCA`, Masterminds/sprig crypto.go
 * `generateCertificateAuthorityWithKeyInternal`: KeyEncipherment | DigitalSignature | CertSign), so switching from
 * the chart's own certificate to the component's changes nothing the API server or the controller sees.
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

    it("has exactly the key usages of the chart's own genCA CA (cert signing, digital signature, key encipherment)", () => {
        const ca = one(CA).inputs;
        assert.strictEqual(ca.isCaCertificate, true);
        assert.deepStrictEqual([...ca.allowedUses].sort(), ["cert_signing", "digital_signature", "key_encipherment"]);
    });

    it("signs no CRLs: the CA may not, and the serving certificate is no CA", () => {
        assert.ok(!one(CA).inputs.allowedUses.includes("crl_signing"));
        assert.ok(!one(CERT).inputs.allowedUses.includes("cert_signing"));
    });
});
