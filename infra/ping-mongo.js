// Health check for the MongoDB-compatible server: exits 0 when a ping answers.
const { MongoClient } = require('mongodb');
const uri = process.argv[2];
const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000 });
client
  .connect()
  .then(() => client.db('admin').command({ ping: 1 }))
  .then(() => client.close().then(() => process.exit(0)))
  .catch(() => process.exit(1));
