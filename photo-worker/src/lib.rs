//! The photo engine in a Web Worker (see `worker.js`): the photo-check page
//! starts it, so neither the engine nor the face model is in any page's bundle,
//! and a 12-megapixel photo is checked without freezing the page.
use photo::{image::RgbImage, Crop, FaceDetector};
use wasm_bindgen::prelude::*;

/// Where the worker fetches the face model.
#[wasm_bindgen(js_name = faceModelPath)]
pub fn face_model_path() -> String {
    photo::FACE_MODEL_PATH.into()
}

/// The detector, and the last photo checked, for the crop tool.
#[wasm_bindgen]
pub struct Checker {
    detector: FaceDetector,
    photo: Vec<u8>,
    /// The photo decoded in full, once the crop tool first needs it.
    pixels: Option<RgbImage>,
}

/// A cropped photo: the JPEG and its inspection.
#[wasm_bindgen(getter_with_clone)]
pub struct Cropped {
    pub jpeg: Vec<u8>,
    pub inspection: String,
}

#[wasm_bindgen]
impl Checker {
    #[wasm_bindgen(constructor)]
    pub fn new(model: &[u8]) -> Result<Checker, JsError> {
        let detector = FaceDetector::from_model_bytes(model)?;
        Ok(Checker { detector, photo: Vec::new(), pixels: None })
    }

    /// The inspection of a photo file, as JSON (a `photo::Inspection`); the file
    /// is kept for the crop tool.
    pub fn check(&mut self, photo: Vec<u8>) -> String {
        let inspection = self.inspect(&photo);
        self.photo = photo;
        self.pixels = None;
        inspection
    }

    /// The last photo cut to `crop` (JSON of a `photo::Crop`) and re-encoded, with
    /// the inspection of the JPEG; an error names the `photo::CropError`.
    pub fn crop(&mut self, crop: &str) -> Result<Cropped, JsError> {
        let crop: Crop = serde_json::from_str(crop)?;
        let pixels = match self.pixels.take() {
            Some(pixels) => pixels,
            None => photo::decode(&self.photo, photo::DecodeLimits::default())?.1,
        };
        let cut = photo::apply_crop(&pixels, crop);
        self.pixels = Some(pixels);
        let jpeg = photo::encode_jpeg(&cut?);
        let inspection = self.inspect(&jpeg);
        Ok(Cropped { jpeg, inspection })
    }

    fn inspect(&mut self, bytes: &[u8]) -> String {
        let inspection = photo::inspect_file(bytes, &mut self.detector);
        serde_json::to_string(&inspection).unwrap_or_default()
    }
}
