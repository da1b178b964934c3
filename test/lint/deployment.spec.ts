import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * The deployment files validate offline (issue 17, Must show 4): the Helm chart passes `helm lint`,
 * renders with `helm template`, and every rendered manifest decodes strictly into the Kubernetes
 * API types (infra/k8s-validate: unknown fields are errors); the compose file parses and names the
 * Dockerfile's targets. helm and the validator are built with Go once and cached
 * (infra/lib.sh helm_bin, k8s_validate_bin): nothing is downloaded when they are cached.
 */
const root = join(__dirname, '..', '..');
const chart = join(root, 'infra', 'helm', 'handover');

/** Runs a function of infra/lib.sh and returns what it prints (a binary's path). */
const toolPath = (fn: string): string =>
  execFileSync('bash', ['-c', `source infra/lib.sh && ${fn}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

describe('deployment manifests', () => {
  let helm = '';
  let validator = '';
  let helmHome = '';

  beforeAll(() => {
    helm = toolPath('helm_bin');
    validator = toolPath('k8s_validate_bin');
    helmHome = mkdtempSync(join(tmpdir(), 'handover-helm-'));
  }, 30 * 60_000); // a cold build of helm on two cores; cached afterwards

  afterAll(() => rmSync(helmHome, { recursive: true, force: true }));

  const run = (bin: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } => {
    const env = { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') };
    const result = spawnSync(bin, args, { cwd: root, encoding: 'utf8', env, input, maxBuffer: 16 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  const render = (...sets: string[]): string => {
    const result = run(helm, ['template', 'handover', chart, ...sets.flatMap((set) => ['--set', set])]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  };

  const documents = (text: string): Array<Record<string, any>> =>
    text.split(/^---\s*$/m).filter((doc) => doc.replace(/#.*$/gm, '').trim() !== '').map((doc) => load(doc) as Record<string, any> | null).filter((doc): doc is Record<string, any> => doc !== null && doc !== undefined);

  it('passes helm lint (strict)', () => {
    const result = run(helm, ['lint', '--strict', chart]);
    expect(result.stdout + result.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.status).toBe(0);
  });

  it('renders manifests that decode strictly into the Kubernetes API types', () => {
    const defaults = render();
    const full = render('migrate.enabled=true', 'secret.create=true', 'secret.values.MONGODB_URI=mongodb://db:27017/handover', 'temporalTls.secretName=temporal-client', 'worker.replicas=3', 'adminApi.replicas=2');
    for (const text of [defaults, full]) {
      const result = run(validator, ['-'], text);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^\d+ manifests valid$/m);
      expect(result.status).toBe(0);
    }
    const kinds = documents(full).map((doc) => `${doc.kind}/${doc.metadata.name}`);
    expect(kinds).toEqual(expect.arrayContaining([
      'Deployment/handover-handover-admin-api', 'Deployment/handover-handover-portal', 'Deployment/handover-handover-worker',
      'Service/handover-handover-admin-api', 'Service/handover-handover-portal', 'Service/handover-handover-worker-metrics',
      'ConfigMap/handover-handover-config', 'Secret/handover-handover-secrets', 'ServiceAccount/handover-handover',
      'PersistentVolumeClaim/handover-handover-data', 'Job/handover-handover-migrate',
    ]));
    // The migrate hook only behind its flag (no migrate command exists yet).
    expect(documents(defaults).some((doc) => doc.kind === 'Job')).toBe(false);
    const deployment = (name: string) => documents(full).find((doc) => doc.kind === 'Deployment' && doc.metadata.name.endsWith(name))!;
    expect(deployment('worker').spec.replicas).toBe(3);
    expect(deployment('admin-api').spec.replicas).toBe(2);
    // Probes on the services' real health endpoints (services/*/src/**/health*).
    expect(deployment('admin-api').spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health');
    expect(deployment('portal').spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health');
    expect(deployment('worker').spec.template.spec.containers[0].livenessProbe.exec.command.join(' ')).toContain('http://127.0.0.1:3002/health');
  });

  it('rejects a manifest with an unknown field, a wrong type or an unknown kind', () => {
    const valid = render();
    const unknownField = valid.replace(/^(\s+)replicas: 1$/m, '$1replicas: 1\n$1replicaCount: 1');
    expect(unknownField).not.toBe(valid);
    const rejected = run(validator, ['-'], unknownField);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toMatch(/\(Deployment "handover-handover-[a-z-]+"\): .*unknown field "replicaCount"/);

    const wrongType = run(validator, ['-'], 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n    - port: "eighty"\n');
    expect(wrongType.status).toBe(1);
    expect(wrongType.stderr).toMatch(/invalid: -, document 1 \(Service "x"\): .*cannot unmarshal string .*spec\.ports\.port of type int32/);

    const unknownKind = run(validator, ['-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(unknownKind.status).toBe(1);
    expect(unknownKind.stderr).toContain('unknown apiVersion/kind "example.com/v1/Widget"');
  });

  it('has a compose file for one host whose services build the Dockerfile targets', () => {
    const compose = load(readFileSync(join(root, 'infra', 'docker', 'compose.yaml'), 'utf8')) as { services: Record<string, any> };
    const dockerfile = readFileSync(join(root, 'infra', 'docker', 'Dockerfile'), 'utf8');
    expect(Object.keys(compose.services).sort()).toEqual(['admin-api', 'mail-relay', 'mongo', 'mongo-init', 'portal', 'temporal', 'temporal-db', 'temporal-ui', 'worker']);
    for (const name of ['admin-api', 'portal', 'worker']) {
      const service = compose.services[name];
      expect(dockerfile).toMatch(new RegExp(`^FROM runtime AS ${service.build.target}$`, 'm'));
      // The services share the environment through a YAML merge key (`<<: *handover-env`), resolved here.
      const environment = { ...(service.environment['<<'] ?? {}), ...service.environment };
      expect(environment.MONGODB_URI).toContain('replicaSet=rs0');
      expect(service.healthcheck.test.join(' ')).toContain('/health');
    }
    expect(compose.services['mongo'].command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(compose.services['mongo-init'].command.join(' ')).toContain("rs.initiate({ _id: 'rs0'");
    // One Node.js 24 base; every service stage ends as the unprivileged node user.
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    for (const target of ['admin-api', 'portal', 'worker']) {
      const stage = dockerfile.split(/^FROM /m).find((s) => s.startsWith(`runtime AS ${target}\n`))!;
      expect(stage).toMatch(/^USER node$/m);
    }
  });
});
