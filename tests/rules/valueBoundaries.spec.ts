/**
 * The edges of the values the controller parses: the last value it accepts and the first it rejects, for each Go
 * function the rules replicate (rules/annotationValues.ts). A reading that is off by one either lets a value through
 * that the controller then fails to reconcile, or refuses a value the controller takes.
 */
import * as assert from "assert";
import { readCidr, readInt, readListenPorts } from "../../rules/annotationValues";

function accepts(what: string, problem: string | undefined): void {
    assert.strictEqual(problem, undefined, `${what} must be accepted`);
}

function rejects(what: string, problem: string | undefined): void {
    assert.ok(problem, `${what} must be rejected`);
}

describe("value boundaries of the controller's parsers", () => {
    it("reads 32- and 64-bit integers over Go's full signed range (strconv.ParseInt)", () => {
        for (const raw of ["-2147483648", "2147483647", "0", "-0"]) accepts(raw, readInt(raw).problem);
        assert.strictEqual(readInt("-2147483648").value, -2147483648);
        for (const raw of ["-2147483649", "2147483648"]) rejects(raw, readInt(raw).problem);
        accepts("int64 -2^63", readInt("-9223372036854775808", 64).problem);
        rejects("int64 -2^63-1", readInt("-9223372036854775809", 64).problem);
        rejects("int64 2^63", readInt("9223372036854775808", 64).problem);
    });

    it("takes listen ports 1 and 65535 and refuses 0, 65536 and a null port", () => {
        assert.deepStrictEqual(readListenPorts('[{"HTTP": 1}, {"HTTPS": 65535}]').value, [
            { protocol: "HTTP", port: 1 },
            { protocol: "HTTPS", port: 65535 },
        ]);
        for (const raw of ['[{"HTTP": 0}]', '[{"HTTPS": 65536}]', '[{"HTTP": null}]']) {
            assert.match(readListenPorts(raw).problem ?? "", /ports must be from 1 to 65535/, raw);
        }
    });

    it("refuses listen-ports items that are not objects (numbers, lists, strings)", () => {
        for (const raw of ["[80]", '[[{"HTTP": 80}]]', '["HTTP:80"]', '[{"HTTP": 80}, 443]']) {
            assert.match(readListenPorts(raw).problem ?? "", /items must be objects/, raw);
        }
        assert.match(readListenPorts('{"HTTP": 80}').problem ?? "", /must be a JSON array/);
    });

    it("reads IPv4 CIDRs as net.ParseCIDR does: octets up to 255, prefix up to 32", () => {
        for (const raw of ["10.0.0.255/32", "255.255.255.255/0", "0.0.0.0/0"]) accepts(raw, readCidr(raw).problem);
        assert.deepStrictEqual(readCidr("10.0.0.0/32").value, { ipv6: false, bits: 32 });
        for (const raw of ["10.0.0.256/8", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x"]) {
            rejects(raw, readCidr(raw).problem);
        }
    });

    it("reads IPv6 CIDRs as net.ParseCIDR does: eight groups, or fewer with one ::, prefix up to 128", () => {
        for (const raw of [
            "::/0",
            "::1/128",
            "1:2:3:4:5:6:7:8/64",
            "1:2:3:4:5:6:7::/64",
            "2001:db8::/32",
            "1:2:3:4:5:6:10.0.0.1/96",
            "::ffff:10.0.0.255/120",
        ]) {
            accepts(raw, readCidr(raw).problem);
        }
        assert.deepStrictEqual(readCidr("::/128").value, { ipv6: true, bits: 128 });
        for (const raw of [
            "::/129",
            "1:2:3:4:5:6:7/64", // seven groups without ::
            "1:2:3:4:5:6:7:8:9/64",
            "1:2:3:4:5:6:7:8::/64", // :: must stand for at least one group
            "1::2::3/64",
            "12345::/64", // a group has at most four hex digits
            "g::/64",
            "1:2:3:4:5:6:7:10.0.0.1/64", // the embedded IPv4 address counts as two groups
            "::ffff:10.0.0.256/120",
        ]) {
            rejects(raw, readCidr(raw).problem);
        }
    });
});
