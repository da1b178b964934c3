import { Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import nodemailer from 'nodemailer';
import { MailSinkClient, testEnv } from '@handover/testing';

/** Proves the suites run against the real servers over sockets, and says which ones. */
describe('the real infrastructure the tests use', () => {
  const env = testEnv();

  it('Temporal dev server answers over gRPC', async () => {
    const connection = await Connection.connect({ address: env.temporalAddress });
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/^\d+\.\d+/);
      console.log(`Temporal server ${info.serverVersion} at ${env.temporalAddress}`);
    } finally {
      await connection.close();
    }
  });

  it('the MongoDB-wire server (FerretDB unless MONGODB_URI points elsewhere) answers and keeps a unique index', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const build = await client.db('admin').command({ buildInfo: 1 });
      console.log(`MongoDB wire server ${String(build['version'])}${build['ferretdbVersion'] ? ` (FerretDB ${String(build['ferretdbVersion'])})` : ''}`);
      const collection = client.db('handover_it_infra').collection('probe');
      await collection.deleteMany({});
      await collection.createIndex({ key: 1 }, { unique: true });
      await collection.insertOne({ key: 'a' });
      await expect(collection.insertOne({ key: 'a' })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await client.close();
    }
  });

  it('the SMTP sink accepts a message over SMTP and shows it in its HTTP inbox', async () => {
    const transport = nodemailer.createTransport({ url: env.smtpUrl, ignoreTLS: true } as never);
    const to = `probe.${Date.now()}@example.test`;
    await transport.sendMail({ from: 'probe@example.test', to, subject: '探针 probe', text: 'ok' });
    transport.close();
    const messages = await new MailSinkClient(env.mailSinkApi).waitFor(to, 1, 10_000);
    expect(messages.map((m) => m.Subject)).toEqual(['探针 probe']);
  });
});
