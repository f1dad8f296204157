/**
 * Face-enrolment stores of `no-unconsented-biometric-storage` (DOMAIN.md §4.1): cloud face libraries keep the face
 * vector of every image they are given, so enrolling is storing, whatever the variable holding the image is called.
 */
import type { SinkModel } from '../../server/src/engine/rule-api';
import { httpRequestSinks } from '../shared/http-clients';

/** Enrolment routes of face libraries without (or used without) an SDK: each POST stores the face it is sent. */
const REST_FACE_LIBRARIES: readonly { readonly route: string; readonly description: string }[] = [
  { route: '/face/v[23]/faceset/user/(?:add|update)', description: 'Baidu AI face library (faceset/user/add)' },
  { route: 'faceplusplus\\.com/facepp/v3/faceset/addface', description: 'Face++ faceset/addface' },
  { route: '/face-sets/[^/?]+/faces(?:[/?]|$)', description: 'Huawei Cloud FRS face set (add faces)' },
  { route: '/api/v1/recognition/faces(?:[/?]|$)', description: 'CompreFace face collection' },
  { route: '/vision/face/register', description: 'DeepStack face registration' },
  { route: '/facebox/teach', description: 'Facebox teach' },
];

/** Face-enrolment calls: the provider keeps the face vector, so each is a store (DOMAIN.md §4.1). */
export function enrolmentSinks(): SinkModel[] {
  const sinks: SinkModel[] = [
    { module: '@aws-sdk/client-rekognition', path: 'IndexFacesCommand', arguments: [0], property: 'Image', description: 'Amazon Rekognition IndexFaces (stores face vectors)' },
    { module: '@aws-sdk/client-rekognition', path: 'AssociateFacesCommand', arguments: [0], property: 'FaceIds', description: 'Amazon Rekognition AssociateFaces' },
    { module: 'aws-sdk', path: 'Rekognition.new().indexFaces', arguments: [0], property: 'Image', description: 'Amazon Rekognition IndexFaces (stores face vectors)' },
    {
      module: '@azure/cognitiveservices-face',
      path: 'FaceClient.new().personGroupPerson|largePersonGroupPerson.addFaceFromStream|addFaceFromUrl',
      arguments: [2],
      description: 'Azure Face persisted face',
    },
    {
      module: '@azure/cognitiveservices-face',
      path: 'FaceClient.new().faceList|largeFaceList.addFaceFromStream|addFaceFromUrl',
      arguments: [1],
      description: 'Azure Face list persisted face',
    },
    // Azure Face REST: `client.path('/largepersongroups/{id}/persons/{pid}/persistedfaces', …).post({ body })`.
    {
      module: '@azure-rest/ai-vision-face',
      path: '().path().post',
      arguments: [0],
      property: 'body',
      when: { argument: 'receiver', matches: '/(?:large)?(?:persongroups/[^/]+/persons/[^/]+|facelists/[^/]+)/persistedfaces' },
      description: 'Azure Face persisted face (REST)',
    },
    { module: 'baidu-aip-sdk', path: 'face.new().addUser|updateUser', arguments: [0], description: 'Baidu AI face library (addUser)' },
    { module: '@alicloud/facebody20191230', path: 'AddFaceRequest', arguments: [0], property: 'imageUrl', description: 'Alibaba Cloud facebody AddFace' },
    { module: '@alicloud/facebody20191230', path: 'AddFaceAdvanceRequest', arguments: [0], property: 'imageUrlObject', description: 'Alibaba Cloud facebody AddFace' },
    {
      module: '@alicloud/facebody20191230',
      path: 'new().addFace|addFaceAdvance|addFaceWithOptions|addFaceAdvanceWithOptions',
      arguments: [0],
      description: 'Alibaba Cloud facebody AddFace',
    },
  ];
  for (const tencent of ['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs-iai']) {
    for (const property of ['Image', 'Url', 'Images', 'Urls']) {
      sinks.push({
        module: tencent,
        path: 'iai.v20200303.Client.new().CreatePerson|CreateFace',
        arguments: [0],
        property,
        description: 'Tencent Cloud IAI person library (CreatePerson/CreateFace)',
      });
    }
  }
  // Each of the above keeps a face vector of whatever image it is sent.
  for (const [index, sink] of sinks.entries()) {
    // Face IDs only link faces already stored; Alibaba's client methods take a request object whose construction
    // (`new AddFaceRequest({ imageUrl })`) is the sink that carries the image.
    if (sink.path === 'AssociateFacesCommand' || (sink.module === '@alicloud/facebody20191230' && sink.path?.startsWith('new()'))) continue;
    sinks[index] = { ...sink, intrinsic: `face image enrolled into ${sink.description.split(' (')[0]}` };
  }
  // Active Record instances that carry the data and save themselves (`entity.descriptor = x; await entity.save()`).
  sinks.push(
    { module: 'typeorm', path: 'BaseEntity.new().save', receiver: true, description: 'TypeORM Active Record save' },
    { module: 'sequelize', path: 'Model.new().save', receiver: true, description: 'Sequelize instance save' },
  );
  // IndexedDB through the `idb` wrapper: `(await openDB(name, version)).put(store, value)`.
  sinks.push(
    { module: 'idb', path: 'openDB().put|add', arguments: [1], description: 'IndexedDB write (idb)' },
    { module: 'idb', path: 'openDB().transaction().objectStore().put|add', arguments: [0], description: 'IndexedDB write (idb)' },
    { module: 'idb', path: 'openDB().transaction().store.put|add', arguments: [0], description: 'IndexedDB write (idb)' },
  );
  // Face libraries reached over REST, recognised by their enrolment routes on any HTTP client.
  for (const library of REST_FACE_LIBRARIES) {
    for (const sink of httpRequestSinks(() => library.description, library.route)) sinks.push({ ...sink, intrinsic: `face image enrolled into ${library.description}` });
  }
  // Alibaba Cloud's generic RPC client: `client.request('AddFace', params)`.
  sinks.push({
    module: '@alicloud/pop-core',
    path: 'new().request',
    arguments: [1],
    when: { argument: 0, matches: '^(?:AddFace|AddFaceEntity)$' },
    intrinsic: 'face image enrolled into Alibaba Cloud facebody',
    description: 'Alibaba Cloud facebody AddFace',
  });
  return sinks;
}
