#![cfg(not(target_arch = "wasm32"))]
//! No input makes the engine panic, and decoding is bounded.
use image::{ImageEncoder, RgbImage};
use photo::{check_file, check_image, decode, CheckId, DecodeError, DecodeLimits, FaceDetector, Status};
use proptest::prelude::*;

fn detector() -> FaceDetector {
    FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(&vec![200u8; (width * height * 3) as usize], width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

#[test]
fn files_that_are_not_photos_fail_the_format_check() {
    let mut detector = detector();
    for bytes in [&b""[..], b"GIF89a....", b"\xFF\xD8\xFF\xE0 truncated", b"\x89PNG\r\n\x1a\n\0\0"] {
        let report = check_file(bytes, &mut detector);
        assert_eq!(report.get(CheckId::Format).unwrap().status, Status::Fail);
        assert!(report.checks.iter().skip(2).all(|c| c.status == Status::Skipped));
    }
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    // A valid PNG header claiming 30 000 × 30 000 pixels (2.7 GB of RGB).
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(decode(&bytes, DecodeLimits::default()).unwrap_err(), DecodeError::TooLarge);
    let tight = DecodeLimits { max_side: 100, max_pixels: 10_000 };
    assert_eq!(decode(&png(200, 200), tight).unwrap_err(), DecodeError::TooLarge);
}

#[test]
fn a_jpeg_claiming_to_be_huge_is_refused_before_it_is_decoded() {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut bytes).encode_image(&RgbImage::new(16, 16)).unwrap();
    // The frame header (SOF0): marker, length, precision, then height and width.
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]); // 60 000 × 60 000
    assert_eq!(photo::decode_sample(&bytes, DecodeLimits::default()).err(), Some(DecodeError::TooLarge));
    let report = check_file(&bytes, &mut detector());
    assert_eq!(report.get(CheckId::Format).unwrap().reason, Some("too_large"));
}

#[test]
fn size_and_shape_are_judged_before_the_face() {
    let mut detector = detector();
    let report = check_file(&png(100, 140), &mut detector);
    let dimensions = report.get(CheckId::Dimensions).unwrap();
    assert_eq!((dimensions.status, dimensions.reason), (Status::Fail, Some("too_small")));
    let report = check_file(&png(1000, 1000), &mut detector);
    assert_eq!(report.get(CheckId::Dimensions).unwrap().reason, Some("shape"));
    let report = check_file(&png(715, 1001), &mut detector);
    assert_eq!(report.get(CheckId::Dimensions).unwrap().status, Status::Pass);
    assert_eq!(report.get(CheckId::FaceCount).unwrap().status, Status::Fail);
}

#[test]
fn a_file_over_4_mb_fails_the_size_check() {
    let mut detector = detector();
    let mut bytes = png(715, 1001);
    bytes.resize(4 * 1024 * 1024 + 1, 0);
    assert_eq!(check_file(&bytes, &mut detector).get(CheckId::FileSize).unwrap().status, Status::Fail);
}

#[test]
fn photos_of_any_shape_measured_on_a_grid_never_panic() {
    // Halved, quartered, very long or very thin: grids and grey copies of every kind.
    let mut detector = detector();
    for (width, height) in [(1430, 40), (40, 1430), (3000, 1500), (2861, 2861), (1431, 2003), (12000, 720), (5722, 3)] {
        let image = RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 256) as u8]));
        assert_eq!(check_image(image, &mut detector).len(), 8, "{width}×{height}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..4096), kind in 0u8..3) {
        match kind {
            0 => bytes.splice(0..0, [0xFF, 0xD8, 0xFF]).for_each(drop),
            1 => bytes.splice(0..0, *b"\x89PNG\r\n\x1a\n").for_each(drop),
            _ => {}
        }
        let report = check_file(&bytes, &mut detector());
        prop_assert_eq!(report.checks.len(), 10);
    }

    #[test]
    fn arbitrary_pixels_never_panic(width in 1u32..120, height in 1u32..120, seed in any::<u64>()) {
        let mut state = seed;
        let image = RgbImage::from_fn(width, height, |_, _| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            image::Rgb([(state >> 56) as u8, (state >> 48) as u8, (state >> 40) as u8])
        });
        prop_assert_eq!(check_image(image, &mut detector()).len(), 8);
    }
}
