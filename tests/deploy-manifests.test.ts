/**
 * `deploy/kubernetes.yaml` as an operator's admission checks would read it: every document valid
 * against the Kubernetes API schemas (kubernetes-models, generated from the API's OpenAPI), and
 * the hardening the issue asks for present and consistent with the image and the service.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SHUTDOWN_GRACE_MS, transportWarnings } from '../cds-service/config';

const FILE = fileURLToPath(new URL('../deploy/kubernetes.yaml', import.meta.url));
/** The models of the kinds the manifest may hold; any other kind is a failure to look at. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}

function validate(doc: Doc): void {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc as never).validate();
}

const docs = parseAllDocuments(readFileSync(FILE, 'utf8')).map((d) => {
  if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('\n'));
  return d.toJS() as Doc;
});
const byKind = (kind: string): Doc => {
  const doc = docs.find((d) => d.kind === kind);
  if (!doc) throw new Error(`no ${kind} in ${FILE}`);
  return doc;
};
const deployment = new Deployment(byKind('Deployment') as never);
const pod = deployment.spec?.template.spec;
const container = pod?.containers[0];

/** Kubernetes memory quantities in MiB (the forms the manifest uses). */
const mebibytes = (q: string | number | undefined): number => {
  const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
  if (!m?.[1]) throw new Error(`unexpected quantity ${String(q)}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};

describe('deploy/kubernetes.yaml', () => {
  it.each(docs.map((d) => [`${d.kind} ${d.metadata.name}`, d] as const))(
    '%s is valid against the Kubernetes API schema',
    (_name, doc) => {
      expect(() => {
        validate(doc);
      }).not.toThrow();
    },
  );

  it('the validator refuses what the API server would refuse', () => {
    const broken = structuredClone(byKind('Deployment')) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    const port = broken.spec.template.spec.containers[0]?.ports[0];
    if (port) port.containerPort = 'eighty';
    expect(() => {
      validate(broken as unknown as Doc);
    }).toThrow(/containerPort must be integer/);
    expect(() => {
      validate({ ...byKind('Service'), kind: 'Ingress' });
    }).toThrow(/no schema/);
  });

  it('runs the container hardened: non-root, read-only root, no capabilities, RuntimeDefault seccomp, no API token', () => {
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    // The writable paths are volumes: the image's DATA_DIR and /tmp.
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    const dataDir = /DATA_DIR=(\S+)/.exec(dockerfile)?.[1];
    const mounts = container?.volumeMounts?.map((m) => m.mountPath) ?? [];
    expect(mounts).toEqual(expect.arrayContaining([dataDir, '/tmp']));
  });

  it('gives the service time to shut down gracefully and memory above its measured peak', () => {
    expect((pod?.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
    // Peaks measured by the bench and the reliability soak: up to 617 MB (README, 2026-12-04).
    expect(mebibytes(container?.resources?.limits?.memory)).toBeGreaterThanOrEqual(1024);
    expect(mebibytes(container?.resources?.requests?.memory)).toBeGreaterThan(617);
  });

  it('covers the pods with a disruption budget and a network policy', () => {
    const labels = deployment.spec?.template.metadata?.labels;
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
      const spec = byKind(kind).spec as {
        selector?: { matchLabels: Record<string, string> };
        podSelector?: { matchLabels: Record<string, string> };
      };
      expect((spec.selector ?? spec.podSelector)?.matchLabels, kind).toEqual(labels);
    }
    const policy = byKind('NetworkPolicy').spec as { policyTypes: string[] };
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('reaches PostgreSQL and Redis over checked TLS with a password (no start-up warning)', () => {
    const secret = byKind('Secret').stringData ?? {};
    expect(secret.DATABASE_URL).toMatch(/sslmode=verify-full/);
    expect(secret.REDIS_URL).toMatch(/^rediss:\/\/:[^@]+@/);
    expect(
      transportWarnings({ databaseUrl: secret.DATABASE_URL, redisUrl: secret.REDIS_URL }),
    ).toEqual([]);
  });
});
