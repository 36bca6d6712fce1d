//! Face detection with SeetaFace's funnel-structured cascade (the `rustface` crate):
//! pure Rust, so the same detector runs in the browser and on the server.
use image::{GrayImage, RgbImage};
use rustface::{Detector, ImageData};

/// The detector's window: rustface 0.1.7 ignores its minimum face size and scans
/// from the image's own scale down, so the smallest face it finds is this many
/// pixels of the copy it is given, and that copy's size sets the cost.
const WINDOW: f32 = 40.0;

/// How a photo is searched: the smallest face sought (a share of the photo's
/// shorter side, which sets the size of the grey copy searched), the detector's
/// pyramid step and window stride, and whether to retry on an equalised copy.
struct Pass {
    min_face: f32,
    pyramid_step: f32,
    stride: u32,
    equalised_too: bool,
}

/// A compliant photo's face spans over 40 % of its width: a quick look for faces
/// down to a third of the shorter side, on a small copy, in coarse steps.
const QUICK: Pass = Pass { min_face: 0.33, pyramid_step: 0.7, stride: 6, equalised_too: false };
/// A single face found by the quick look that is narrower than this share of the
/// shorter side could be one of several small faces, some missed by the coarse
/// steps: the photo is searched again, thoroughly.
const TRUSTED: f32 = 0.38;
/// Down to 9 % (a 640 × 457 copy of a 5:7 photo; smaller than that, no crop of
/// the photo could make the head large enough), in SeetaFace's usual steps.
const THOROUGH: Pass = Pass { min_face: 0.09, pyramid_step: 0.8, stride: 4, equalised_too: true };

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
        Ok(Self { detector })
    }

    /// Every face found, largest first.
    pub fn detect(&mut self, image: &RgbImage) -> Vec<Face> {
        let short = image.width().min(image.height()) as f32;
        let mut faces = self.search(image, &QUICK);
        let settled = faces.len() > 1 || faces.first().is_some_and(|face| face.width >= TRUSTED * short);
        if !settled {
            let thorough = self.search(image, &THOROUGH);
            if !thorough.is_empty() {
                faces = thorough;
            }
        }
        faces.sort_by(|a, b| (b.width * b.height).total_cmp(&(a.width * a.height)));
        faces
    }

    /// The faces a pass finds, in the image's pixels.
    fn search(&mut self, image: &RgbImage, pass: &Pass) -> Vec<Face> {
        let (width, height) = image.dimensions();
        let k = ((pass.min_face * width.min(height) as f32 / WINDOW) as u32).max(1);
        let gray = grey_reduced(image, k);
        let (w, h) = gray.dimensions();
        // The detector panics on images smaller than its window.
        if w < WINDOW as u32 || h < WINDOW as u32 {
            return Vec::new();
        }
        self.detector.set_pyramid_scale_factor(pass.pyramid_step);
        self.detector.set_slide_window_step(pass.stride, pass.stride);
        let mut found = self.detector.detect(&ImageData::new(gray.as_raw(), w, h));
        if found.is_empty() && pass.equalised_too {
            // Over- or under-exposure flattens the features the cascade looks
            // for; spreading the grey levels brings them back.
            let equalised = equalise(&gray);
            found = self.detector.detect(&ImageData::new(equalised.as_raw(), w, h));
        }
        let k = k as f32;
        found
            .into_iter()
            .map(|info| {
                let b = info.bbox();
                Face {
                    x: b.x() as f32 * k,
                    y: b.y() as f32 * k,
                    width: b.width() as f32 * k,
                    height: b.height() as f32 * k,
                    score: info.score(),
                }
            })
            .collect()
    }
}

/// A grey copy a `k`th of the size across and down: each pixel the mean luma
/// (BT.709 weights, in integers) of a `k` × `k` block; the last partial blocks are dropped.
fn grey_reduced(image: &RgbImage, k: u32) -> GrayImage {
    let (w, h) = (image.width() / k, image.height() / k);
    let (k, row_bytes) = (k as usize, image.width() as usize * 3);
    // Sums of each channel down the columns of a band of rows, then across each block.
    let mut columns = vec![0u32; w as usize * k * 3];
    let mut out = Vec::with_capacity((w * h) as usize);
    let divisor = (k * k * 10_000) as u32;
    for band in image.as_raw().chunks_exact(row_bytes * k).take(h as usize) {
        columns.fill(0);
        for row in band.chunks_exact(row_bytes) {
            for (sum, &v) in columns.iter_mut().zip(row) {
                *sum += u32::from(v);
            }
        }
        out.extend(columns.chunks_exact(k * 3).map(|block| {
            let mut sum = [0u32; 3];
            for p in block.chunks_exact(3) {
                sum[0] += p[0];
                sum[1] += p[1];
                sum[2] += p[2];
            }
            let luma = 2126 * sum[0] + 7152 * sum[1] + 722 * sum[2];
            ((luma + divisor / 2) / divisor) as u8
        }));
    }
    GrayImage::from_raw(w, h, out).expect("w × h bytes")
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
