// The photo checker's Web Worker (a module worker). The page posts
// { id, photo: File } or { id, crop: JSON of a frame }; the worker answers
// { id, inspection: JSON } (plus { jpeg } for a crop) or { id, error }.
// It posts { ready: true } once the engine and the face model are loaded.
import init, { Checker, faceModelPath } from './photo_worker.js';

const checker = init().then(async () => {
  const response = await fetch(faceModelPath());
  if (!response.ok) throw new Error(`face model: ${response.status}`);
  return new Checker(new Uint8Array(await response.arrayBuffer()));
});
checker.then(() => postMessage({ ready: true }), () => postMessage({ error: 'model' }));

onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const engine = await checker.catch(() => null);
    if (!engine) {
      postMessage({ id, error: 'model' });
    } else if (data.photo) {
      const bytes = new Uint8Array(await data.photo.arrayBuffer());
      postMessage({ id, inspection: engine.check(bytes) });
    } else {
      const cropped = engine.crop(data.crop);
      const jpeg = cropped.jpeg;
      postMessage({ id, inspection: cropped.inspection, jpeg }, [jpeg.buffer]);
      cropped.free();
    }
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
};
