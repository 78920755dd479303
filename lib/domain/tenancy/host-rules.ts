/**
 * Host claims: which DNS names a tenant may serve through Ingresses and Gateway API routes. Each tenant declares
 * the names it owns (`hosts`); a host is the tenant's when it equals one of them or lies under one. Names are
 * checked disjoint across every tenant of a platform, so admission needs only the requesting tenant's own names to
 * know that a host is nobody else's (a ValidatingAdmissionPolicy cannot look at other tenants' objects).
 * Pure: no imports beyond the validation types.
 */
import type { ValidationIssue } from '../validation-error';

/** A lowercase DNS subdomain (RFC 1123): labels of [a-z0-9-], alphanumeric at both ends, at most 253 characters. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

function isDnsName(value: string): boolean {
  return DNS_NAME.test(value);
}

/**
 * Whether `host` (an Ingress host or route hostname, possibly `*.`-prefixed) lies under the owned name `owned`.
 * `*.a.example.com` lies under `a.example.com` (it matches its subdomains only); `*.example.com` does not.
 * The admission policy evaluates the same rule in CEL: `h == s || h.endsWith("." + s)`.
 */
export function hostUnder(host: string, owned: string): boolean {
  return host === owned || host.endsWith(`.${owned}`);
}

/** Syntax of one tenant's `hosts`: lowercase DNS names, no wildcard, each once. */
export function validateHostNames(hosts: readonly string[] | undefined, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  (hosts ?? []).forEach((host, i) => {
    const field = `hosts[${i}]`;
    if (typeof host !== 'string' || !isDnsName(host)) {
      issues.push({ path, field, value: host, problem: 'is not a lowercase DNS name without wildcard (a name covers all its subdomains already)', fix: 'write the domain the tenant owns, e.g. "maps.example.com"' });
    } else if (seen.has(host)) {
      issues.push({ path, field, value: host, problem: 'is declared twice', fix: 'declare each name once' });
    }
    seen.add(host);
  });
  return issues;
}

/**
 * Names claimed by two tenants: equal, or one under the other. Reported on the later (or nested) claim, naming the
 * tenant and the name it collides with. Linear in the names times their depth: each name's parents are looked up.
 */
export function validateHostClaims(tenants: readonly { readonly name: string; readonly hosts?: readonly string[] }[]): ValidationIssue[] {
  const owner = new Map<string, string>();
  for (const tenant of tenants) for (const host of tenant.hosts ?? []) if (!owner.has(host)) owner.set(host, tenant.name);
  const issues: ValidationIssue[] = [];
  for (const tenant of tenants) {
    (tenant.hosts ?? []).forEach((host, i) => {
      const path = `tenants[${tenant.name}]`;
      const field = `hosts[${i}]`;
      const first = owner.get(host);
      if (first !== undefined && first !== tenant.name) {
        issues.push({ path, field, value: host, problem: `is also claimed by tenant "${first}": both could serve the same host`, fix: `give each tenant names of its own, e.g. "${tenant.name}.${host}"` });
        return;
      }
      const labels = host.split('.');
      for (let j = 1; j < labels.length; j++) {
        const parent = labels.slice(j).join('.');
        const parentOwner = owner.get(parent);
        if (parentOwner !== undefined && parentOwner !== tenant.name) {
          issues.push({
            path,
            field,
            value: host,
            problem: `lies under "${parent}", which tenant "${parentOwner}" claims: that tenant could serve this host too`,
            fix: `move the name out of "${parent}", or narrow tenant "${parentOwner}"'s names`,
          });
          return;
        }
      }
    });
  }
  return issues;
}
