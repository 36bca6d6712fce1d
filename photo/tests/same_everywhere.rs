//! The browser's build (wasm32) and the server's (native) give the same report for
//! the same photos, the fixtures and two larger photos made from one of them: both
//! must match `reports.json`. After a deliberate change to the
//! checks, rewrite it with `UPDATE_REPORTS=1 cargo test -p photo --test same_everywhere`
//! and review the difference; `make test` runs this test natively and in Node's WebAssembly.
use photo::image::{self, imageops, RgbImage};
use photo::{check_file, FaceDetector, Report};
use std::collections::BTreeMap;

const PHOTOS: &[(&str, &[u8])] = &[
    ("astronaut_blur.jpg", include_bytes!("fixtures/astronaut_blur.jpg")),
    ("astronaut_dark.jpg", include_bytes!("fixtures/astronaut_dark.jpg")),
    ("astronaut_glare_cheek.jpg", include_bytes!("fixtures/astronaut_glare_cheek.jpg")),
    ("astronaut_glare_forehead.jpg", include_bytes!("fixtures/astronaut_glare_forehead.jpg")),
    ("astronaut_good.jpg", include_bytes!("fixtures/astronaut_good.jpg")),
    ("astronaut_large_head.jpg", include_bytes!("fixtures/astronaut_large_head.jpg")),
    ("astronaut_no_face.jpg", include_bytes!("fixtures/astronaut_no_face.jpg")),
    ("astronaut_off_centre.jpg", include_bytes!("fixtures/astronaut_off_centre.jpg")),
    ("astronaut_overexposed.jpg", include_bytes!("fixtures/astronaut_overexposed.jpg")),
    ("astronaut_slightly_dark.jpg", include_bytes!("fixtures/astronaut_slightly_dark.jpg")),
    ("astronaut_small_head.jpg", include_bytes!("fixtures/astronaut_small_head.jpg")),
    ("astronaut_two_faces.jpg", include_bytes!("fixtures/astronaut_two_faces.jpg")),
    ("hopper_blur.jpg", include_bytes!("fixtures/hopper_blur.jpg")),
    ("hopper_dark.jpg", include_bytes!("fixtures/hopper_dark.jpg")),
    ("hopper_glare_cheek.jpg", include_bytes!("fixtures/hopper_glare_cheek.jpg")),
    ("hopper_glare_forehead.jpg", include_bytes!("fixtures/hopper_glare_forehead.jpg")),
    ("hopper_good.jpg", include_bytes!("fixtures/hopper_good.jpg")),
    ("hopper_large_head.jpg", include_bytes!("fixtures/hopper_large_head.jpg")),
    ("hopper_no_face.jpg", include_bytes!("fixtures/hopper_no_face.jpg")),
    ("hopper_off_centre.jpg", include_bytes!("fixtures/hopper_off_centre.jpg")),
    ("hopper_overexposed.jpg", include_bytes!("fixtures/hopper_overexposed.jpg")),
    ("hopper_slightly_dark.jpg", include_bytes!("fixtures/hopper_slightly_dark.jpg")),
    ("hopper_small_head.jpg", include_bytes!("fixtures/hopper_small_head.jpg")),
    ("hopper_two_faces.jpg", include_bytes!("fixtures/hopper_two_faces.jpg")),
];

const EXPECTED: &str = include_str!("reports.json");

/// Larger photos, which are checked on a reduced copy: the compliant fixture at
/// IRCC's largest size (halved after decoding), and in the middle of a 12-megapixel
/// phone photo (reduced by 4 while decoding).
fn large_photos() -> Vec<(&'static str, Vec<u8>)> {
    let fixture = image::load_from_memory(PHOTOS[4].1).expect("fixture").to_rgb8();
    let largest = imageops::resize(&fixture, 2000, 2800, imageops::FilterType::Triangle);
    let mut phone = RgbImage::from_pixel(4000, 3000, image::Rgb([232, 232, 232]));
    imageops::overlay(&mut phone, &imageops::resize(&fixture, 2143, 3000, imageops::FilterType::Triangle), 928, 0);
    let jpeg = |image: &RgbImage| {
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(image).expect("encode");
        bytes
    };
    vec![("astronaut_good.jpg at 2000×2800", jpeg(&largest)), ("astronaut_good.jpg in 4000×3000", jpeg(&phone))]
}

fn reports() -> String {
    let mut detector = FaceDetector::from_model_bytes(include_bytes!("../model/seeta_fd_frontal_v1.0.bin")).expect("model");
    let large = large_photos();
    let photos = PHOTOS.iter().map(|(name, bytes)| (*name, *bytes)).chain(large.iter().map(|(name, bytes)| (*name, bytes.as_slice())));
    let reports: BTreeMap<&str, Report> = photos.map(|(name, bytes)| (name, check_file(bytes, &mut detector))).collect();
    serde_json::to_string_pretty(&reports).expect("reports serialise") + "\n"
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn reports_are_the_same_on_every_platform() {
    let actual = reports();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("UPDATE_REPORTS").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reports.json"), &actual).expect("write reports.json");
        return;
    }
    assert!(actual == EXPECTED, "reports differ from tests/reports.json:\n{actual}");
}
