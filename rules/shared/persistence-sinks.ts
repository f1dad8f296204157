/**
 * Persistence sinks (DOMAIN.md §4.3): where data comes to rest. The biometric rule uses all of them; the camera
 * rule uses the cloud-storage ones, since uploading a frame to a bucket is sending it off the vehicle.
 *
 * Argument indexes follow each API's signature; `all` is used where the payload position varies
 * (`update(where, values)`) or where a key next to the payload cannot carry the data.
 */
import type { SinkModel } from '../../server/src/engine/rule-api';
import { withNodePrefix } from './names';

const SQL_WRITE = '^\\s*(?:INSERT|UPDATE|UPSERT|MERGE|REPLACE|insert|update|upsert|merge|replace)\\b';

export function fileSystemSinks(): SinkModel[] {
  const sinks: SinkModel[] = [];
  for (const fs of withNodePrefix('fs')) {
    sinks.push(
      { module: fs, path: 'writeFile|writeFileSync|appendFile|appendFileSync', arguments: [1], description: 'file write (fs)' },
      { module: fs, path: 'promises.writeFile|appendFile', arguments: [1], description: 'file write (fs.promises)' },
      { module: fs, path: 'createWriteStream().write|end', arguments: [0], description: 'file stream write (fs)' },
    );
  }
  for (const fsp of withNodePrefix('fs/promises')) {
    sinks.push(
      { module: fsp, path: 'writeFile|appendFile', arguments: [1], description: 'file write (fs/promises)' },
      { module: fsp, path: 'open().writeFile|write|appendFile', arguments: [0], description: 'file handle write (fs/promises)' },
    );
  }
  sinks.push(
    { module: 'react-native-fs', path: 'writeFile|appendFile|write', arguments: [1], description: 'file write (react-native-fs)' },
    { module: 'expo-file-system', path: 'writeAsStringAsync', arguments: [1], description: 'file write (expo-file-system)' },
    { module: '@capacitor/filesystem', path: 'Filesystem.writeFile|appendFile', arguments: [0], property: 'data', description: 'file write (@capacitor/filesystem)' },
  );
  return sinks;
}

export function databaseSinks(): SinkModel[] {
  const sinks: SinkModel[] = [
    // Prisma: prisma.<model>.create({ data }) and friends.
    {
      module: '@prisma/client',
      path: 'PrismaClient.new().*.create|createMany|createManyAndReturn|update|updateMany|upsert',
      arguments: [0],
      description: 'Prisma write',
    },
    // TypeORM: repositories, the entity manager and Active Record entities.
    { module: 'typeorm', path: 'Repository.new().save|insert|update|upsert', arguments: 'all', description: 'TypeORM repository write' },
    { module: 'typeorm', path: 'EntityManager.new().save|insert|update|upsert', arguments: 'all', description: 'TypeORM entity manager write' },
    { module: 'typeorm', path: 'DataSource.new().getRepository().save|insert|update|upsert', arguments: 'all', description: 'TypeORM repository write' },
    { module: 'typeorm', path: 'DataSource.new().manager.save|insert|update|upsert', arguments: 'all', description: 'TypeORM entity manager write' },
    { module: 'typeorm', path: 'BaseEntity.save|insert|update|upsert', arguments: 'all', description: 'TypeORM Active Record write' },
    // Sequelize.
    { module: 'sequelize', path: 'Model.create|bulkCreate|update|upsert', arguments: 'all', description: 'Sequelize model write' },
    { module: 'sequelize', path: 'Model.new().update|set', arguments: 'all', description: 'Sequelize instance update' },
    { module: 'sequelize', path: 'Sequelize.new().define().create|bulkCreate|update|upsert', arguments: 'all', description: 'Sequelize model write' },
    { module: 'sequelize', path: 'Sequelize.new().query', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: 'Sequelize raw INSERT/UPDATE' },
    // Mongoose and the MongoDB driver.
    {
      module: 'mongoose',
      path: 'model().create|insertMany|updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|replaceOne|bulkWrite',
      arguments: 'all',
      description: 'Mongoose model write',
    },
    {
      module: 'mongoose',
      path: 'Model.create|insertMany|updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|replaceOne|bulkWrite',
      arguments: 'all',
      description: 'Mongoose model write',
    },
    { module: 'mongoose', path: 'model()', arguments: [0], description: 'new Mongoose document (saved with .save())' },
    {
      module: 'mongodb',
      path: 'MongoClient.new().db().collection().insertOne|insertMany|updateOne|updateMany|replaceOne|findOneAndUpdate|findOneAndReplace|bulkWrite',
      arguments: 'all',
      description: 'MongoDB collection write',
    },
    {
      module: 'mongodb',
      path: 'Collection.new().insertOne|insertMany|updateOne|updateMany|replaceOne|findOneAndUpdate|findOneAndReplace|bulkWrite',
      arguments: 'all',
      description: 'MongoDB collection write',
    },
    // knex: knex(config)(table).insert(row), knex(config).insert(row).into(table), chained builders.
    { module: 'knex', path: '().().insert|update|upsert', arguments: [0], description: 'knex insert/update' },
    { module: 'knex', path: '().().*().insert|update|upsert', arguments: [0], description: 'knex insert/update' },
    { module: 'knex', path: '().insert|update|upsert', arguments: [0], description: 'knex insert/update' },
    // SQL drivers: only statements that write.
    { module: 'pg', path: 'Pool|Client.new().query', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: 'PostgreSQL INSERT/UPDATE (pg)' },
    { module: 'pg', path: 'Pool.new().connect().query', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: 'PostgreSQL INSERT/UPDATE (pg)' },
    { module: 'sqlite3', path: 'Database.new().run', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: 'SQLite INSERT/UPDATE (sqlite3)' },
    { module: 'better-sqlite3', path: 'new().prepare().run', arguments: 'all', description: 'SQLite statement run (better-sqlite3)' },
  ];
  for (const mysql of ['mysql2', 'mysql2/promise', 'mysql']) {
    sinks.push(
      { module: mysql, path: 'createConnection|createPool().query|execute', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: `MySQL INSERT/UPDATE (${mysql})` },
      { module: mysql, path: 'createPool().getConnection().query|execute', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: `MySQL INSERT/UPDATE (${mysql})` },
    );
  }
  // egg-mysql (ali-rds): `app.mysql.insert(table, row)`, `app.mysql.update(table, row)`, and raw writes.
  sinks.push(
    { receiverName: 'mysql|.*mysql|rds', methods: 'insert|update|replace', arguments: [1], description: 'MySQL write (egg-mysql)' },
    { receiverName: 'mysql|.*mysql|rds', methods: 'query', arguments: [1], when: { argument: 0, matches: SQL_WRITE }, description: 'MySQL INSERT/UPDATE (egg-mysql)' },
  );
  // Key-value stores and caches.
  for (const redis of ['redis', '@redis/client']) {
    sinks.push({
      module: redis,
      path: 'createClient().set|setEx|setNX|hSet|hSetNX|hmSet|lPush|rPush|sAdd|xAdd|append',
      arguments: 'all',
      description: 'Redis write',
    });
  }
  sinks.push(
    { module: 'ioredis', path: 'new().set|setex|setnx|hset|hsetnx|hmset|lpush|rpush|sadd|xadd|append', arguments: 'all', description: 'Redis write (ioredis)' },
    { module: 'ioredis', path: 'Redis.new().set|setex|setnx|hset|hsetnx|hmset|lpush|rpush|sadd|xadd|append', arguments: 'all', description: 'Redis write (ioredis)' },
    {
      receiverName: 'redis|.*redis|cache|.*cache|cacheManager',
      methods: 'set|setex|setEx|hset|hSet|hmset|lpush|lPush|rpush|rPush|xadd|xAdd|sadd|sAdd',
      arguments: 'all',
      description: 'cache or Redis write (by receiver name)',
    },
    // Project repositories and DAOs recognised by name: `this.faceTemplateRepository.saveTemplate(...)`.
    {
      receiverName: '.*(?:repository|repo|dao)',
      methods: 'save.*|insert.*|update.*|upsert.*|persist.*|store.*|put|add|bulkCreate|createMany|insertMany|insertOne|updateOne|replaceOne',
      arguments: 'all',
      description: 'repository write (by receiver name)',
    },
  );
  return sinks;
}

export function clientStorageSinks(): SinkModel[] {
  return [
    { global: 'localStorage', path: 'setItem', arguments: [1], description: 'localStorage' },
    { global: 'window', path: 'localStorage.setItem', arguments: [1], description: 'localStorage' },
    { global: 'sessionStorage', path: 'setItem', arguments: [1], description: 'sessionStorage' },
    { global: 'caches', path: 'open().put', arguments: [1], description: 'Cache Storage' },
    // IndexedDB by its API, not by a receiver called `*store`: `indexedDB.open(…)` → `result` (or the `onsuccess`
    // event's `target.result`) → `transaction(…).objectStore(…).put(value)`, or an `IDBObjectStore` by type.
    { global: 'indexedDB', path: 'open().result.transaction().objectStore().put|add', arguments: [0], description: 'IndexedDB object store write' },
    { global: 'indexedDB', path: 'open().**.target.result.transaction().objectStore().put|add', arguments: [0], description: 'IndexedDB object store write' },
    { global: 'IDBDatabase', path: 'new().transaction().objectStore().put|add', arguments: [0], description: 'IndexedDB object store write' },
    { global: 'IDBTransaction', path: 'new().objectStore().put|add', arguments: [0], description: 'IndexedDB object store write' },
    { global: 'IDBObjectStore', path: 'new().put|add', arguments: [0], description: 'IndexedDB object store write' },
    { receiverName: 'objectStore', methods: 'put|add', arguments: [0], description: 'IndexedDB object store write' },
    { module: 'idb-keyval', path: 'set|setMany|update', arguments: 'all', description: 'IndexedDB write (idb-keyval)' },
    { module: 'localforage', path: 'setItem', arguments: [1], description: 'localforage' },
    { module: '@react-native-async-storage/async-storage', path: 'setItem|mergeItem|multiSet|multiMerge', arguments: 'all', description: 'AsyncStorage (React Native)' },
    { module: 'expo-secure-store', path: 'setItemAsync|setItem', arguments: [1], description: 'expo-secure-store' },
    { module: 'react-native-mmkv', path: 'MMKV.new().set', arguments: [1], description: 'MMKV storage' },
    { module: '@capacitor/preferences', path: 'Preferences.set', arguments: [0], property: 'value', description: 'Capacitor Preferences' },
    { global: 'wx', path: 'setStorage', arguments: [0], property: 'data', description: 'WeChat mini-program storage' },
    { global: 'wx', path: 'setStorageSync', arguments: [1], description: 'WeChat mini-program storage' },
    { global: 'uni', path: 'setStorage', arguments: [0], property: 'data', description: 'uni-app storage' },
    { global: 'uni', path: 'setStorageSync', arguments: [1], description: 'uni-app storage' },
    // Mini-program file system: `wx.getFileSystemManager().writeFile({ filePath, data })`.
    ...(['wx', 'uni'] as const).flatMap((root): SinkModel[] => [
      { global: root, path: 'getFileSystemManager().writeFile|appendFile', arguments: [0], property: 'data', description: `${root === 'wx' ? 'WeChat' : 'uni-app'} file system write` },
      { global: root, path: 'getFileSystemManager().writeFileSync|appendFileSync', arguments: [1], description: `${root === 'wx' ? 'WeChat' : 'uni-app'} file system write` },
      { global: root, path: 'getFileSystemManager().saveFile', arguments: [0], property: 'tempFilePath', description: `${root === 'wx' ? 'WeChat' : 'uni-app'} file save` },
      { global: root, path: 'saveFile', arguments: [0], property: 'tempFilePath', description: `${root === 'wx' ? 'WeChat' : 'uni-app'} file save` },
    ]),
    { module: '@tarojs/taro', path: 'setStorage', arguments: [0], property: 'data', description: 'Taro storage' },
    { module: '@tarojs/taro', path: 'setStorageSync', arguments: [1], description: 'Taro storage' },
  ];
}

/** Object storage: data at rest, and (for the camera rule) data that has left the vehicle. */
export function cloudStorageSinks(): SinkModel[] {
  return [
    { module: '@aws-sdk/client-s3', path: 'PutObjectCommand', arguments: [0], property: 'Body', description: 'Amazon S3 PutObject' },
    { module: '@aws-sdk/client-s3', path: 'UploadPartCommand', arguments: [0], property: 'Body', description: 'Amazon S3 UploadPart' },
    { module: '@aws-sdk/lib-storage', path: 'Upload', arguments: [0], property: 'params', description: 'Amazon S3 multipart upload (lib-storage)' },
    { module: 'aws-sdk', path: 'S3.new().putObject|upload', arguments: [0], property: 'Body', description: 'Amazon S3 upload (aws-sdk v2)' },
    { module: 'ali-oss', path: 'new().put|putStream|multipartUpload|append', arguments: [1], description: 'Alibaba Cloud OSS upload' },
    { module: 'cos-nodejs-sdk-v5', path: 'new().putObject', arguments: [0], property: 'Body', description: 'Tencent Cloud COS upload' },
    { module: 'cos-nodejs-sdk-v5', path: 'new().uploadFile|sliceUploadFile', arguments: [0], property: 'FilePath', description: 'Tencent Cloud COS file upload' },
    { module: 'minio', path: 'Client.new().putObject|fPutObject', arguments: [2], description: 'MinIO upload' },
    { module: 'qiniu', path: 'form_up.FormUploader.new().put|putStream|putFile', arguments: [2], description: 'Qiniu Kodo upload' },
    { module: 'qiniu', path: 'resume_up.ResumeUploader.new().putStream|putFile', arguments: [2], description: 'Qiniu Kodo upload' },
    { module: 'esdk-obs-nodejs', path: 'new().putObject|appendObject', arguments: [0], property: 'Body', description: 'Huawei Cloud OBS upload' },
    { module: 'esdk-obs-nodejs', path: 'new().uploadFile', arguments: [0], property: 'UploadFile', description: 'Huawei Cloud OBS upload' },
    // Egg.js keeps its plugins' clients on the context and the app (`ctx.oss`, `app.oss` from egg-oss, an ali-oss client).
    { receiverName: 'oss|.*oss', methods: 'put|putStream|multipartUpload|append', arguments: [1], description: 'Alibaba Cloud OSS upload' },
    { receiverName: 'cos|.*cos', methods: 'putObject', arguments: [0], property: 'Body', description: 'Tencent Cloud COS upload' },
    { module: '@google-cloud/storage', path: 'Storage.new().bucket().file().save', arguments: [0], description: 'Google Cloud Storage upload' },
    { module: '@google-cloud/storage', path: 'Storage.new().bucket().upload', arguments: [0], description: 'Google Cloud Storage upload' },
    { module: '@google-cloud/storage', path: 'Storage.new().bucket().file().createWriteStream().write|end', arguments: [0], description: 'Google Cloud Storage stream upload' },
    {
      module: '@azure/storage-blob',
      path: 'BlobServiceClient.fromConnectionString().getContainerClient().getBlockBlobClient().upload|uploadData|uploadFile|uploadStream',
      arguments: [0],
      description: 'Azure Blob Storage upload',
    },
    {
      module: '@azure/storage-blob',
      path: 'BlobServiceClient.new().getContainerClient().getBlockBlobClient().upload|uploadData|uploadFile|uploadStream',
      arguments: [0],
      description: 'Azure Blob Storage upload',
    },
    { module: '@azure/storage-blob', path: 'ContainerClient.new().uploadBlockBlob', arguments: [1], description: 'Azure Blob Storage upload' },
    { module: '@azure/storage-blob', path: 'BlockBlobClient.new().upload|uploadData|uploadFile|uploadStream', arguments: [0], description: 'Azure Blob Storage upload' },
  ];
}
