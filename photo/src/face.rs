//! Face detection with SeetaFace's funnel-structured cascade (the `rustface` crate):
//! pure Rust, so the same detector runs in the browser and on the server.
use image::{imageops, GrayImage, RgbImage};
use rustface::{Detector, ImageData};

/// The detector's window: rustface 0.1.7 ignores its minimum face size and scans
/// from the image's own scale down, so the smallest face it finds is this many
/// pixels of the copy it is given, and that copy's size sets the cost.
const WINDOW: f32 = 40.0;
/// A compliant photo's face is large: faces are first looked for on a small copy,
/// down to a quarter of its shorter side; only when none is found, on a larger copy
/// down to 9 % (a 640 × 457 copy of a 5:7 photo; smaller than that, no crop of the
/// photo could make the head large enough).
const COARSE: f32 = 0.25;
const FINE: f32 = 0.09;

#[derive(Debug, thiserror::Error)]
#[error("the face model could not be read")]
pub struct ModelError;

/// The detector, built once from the model's bytes and reused for every photo.
pub struct FaceDetector {
    detector: Box<dyn Detector>,
}

/// A face's box in the photo's own pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub score: f64,
}

impl Face {
    pub fn centre_x(&self) -> f32 {
        self.x + self.width / 2.0
    }
}

impl FaceDetector {
    pub fn from_model_bytes(model: &[u8]) -> Result<Self, ModelError> {
        let model = rustface::read_model(model).map_err(|_| ModelError)?;
        let mut detector = rustface::create_detector_with_model(model);
        detector.set_score_thresh(2.0);
        detector.set_pyramid_scale_factor(0.8);
        detector.set_slide_window_step(4, 4);
        Ok(Self { detector })
    }

    /// Every face found, largest first.
    pub fn detect(&mut self, image: &RgbImage) -> Vec<Face> {
        let mut faces = self.search(image, COARSE, false);
        if faces.is_empty() {
            faces = self.search(image, FINE, true);
        }
        faces.sort_by(|a, b| (b.width * b.height).total_cmp(&(a.width * a.height)));
        faces
    }

    /// Faces down to `min_face` of the image's shorter side, in the image's pixels.
    fn search(&mut self, image: &RgbImage, min_face: f32, equalised_too: bool) -> Vec<Face> {
        let (width, height) = image.dimensions();
        let scale = (WINDOW / (min_face * width.min(height) as f32)).min(1.0);
        let (w, h) = (
            ((width as f32 * scale).round() as u32).max(1),
            ((height as f32 * scale).round() as u32).max(1),
        );
        // The detector panics on images smaller than its window.
        if w < WINDOW as u32 || h < WINDOW as u32 {
            return Vec::new();
        }
        // Shrink first (a fast box filter), then convert: the grey copy is then small.
        let gray: GrayImage = if scale < 1.0 {
            imageops::grayscale(&imageops::thumbnail(image, w, h))
        } else {
            imageops::grayscale(image)
        };
        let mut found = self.detector.detect(&ImageData::new(gray.as_raw(), w, h));
        if found.is_empty() && equalised_too {
            // Over- or under-exposure flattens the features the cascade looks
            // for; spreading the grey levels brings them back.
            let equalised = equalise(&gray);
            found = self.detector.detect(&ImageData::new(equalised.as_raw(), w, h));
        }
        found
            .into_iter()
            .map(|info| {
                let b = info.bbox();
                Face {
                    x: b.x() as f32 / scale,
                    y: b.y() as f32 / scale,
                    width: b.width() as f32 / scale,
                    height: b.height() as f32 / scale,
                    score: info.score(),
                }
            })
            .collect()
    }
}

/// Histogram equalisation of a grey image.
fn equalise(gray: &GrayImage) -> GrayImage {
    let mut histogram = [0u64; 256];
    for p in gray.pixels() {
        histogram[p[0] as usize] += 1;
    }
    let total = gray.pixels().len() as u64;
    let mut map = [0u8; 256];
    let mut cumulative = 0;
    let first = histogram.iter().position(|&n| n > 0).map(|i| histogram[i]).unwrap_or(0);
    for (level, count) in histogram.iter().enumerate() {
        cumulative += count;
        let span = total.saturating_sub(first).max(1);
        map[level] = ((cumulative.saturating_sub(first)) * 255 / span) as u8;
    }
    let mut out = gray.clone();
    for p in out.pixels_mut() {
        p[0] = map[p[0] as usize];
    }
    out
}
