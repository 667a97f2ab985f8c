// Stand-in for smtp-address-parser (json-schema-library's check of format "idn-email"):
// a plain local@domain check instead of a full RFC 6531 grammar.
export function parse(address) {
  if (typeof address !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@.]+$/u.test(address)) {
    throw new Error("invalid e-mail address");
  }
  return address;
}
