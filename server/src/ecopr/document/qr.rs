//! The verification QR code: the module matrix comes from `qrcode`, and the
//! dark modules are drawn as vector rectangles, sharp at any zoom or printer.

use krilla::geom::{Path, PathBuilder, Rect};
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules a reader needs around the symbol (ISO/IEC 18004).
pub(super) const QUIET_ZONE: usize = 4;

/// Level M (about 15 % of the symbol recoverable) survives a folded or
/// smudged printout while keeping modules large at one inch.
pub(super) fn encode(url: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(url, EcLevel::M)
}

/// The dark modules of `code` as one path, the symbol's top-left module at
/// (`x`, `y`), each module `module` points square. The quiet zone is left to
/// the caller's layout: it is blank page.
pub(super) fn path(code: &QrCode, x: f32, y: f32, module: f32) -> Option<Path> {
    let mut builder = PathBuilder::new();
    for (row, modules) in code.to_colors().chunks(code.width()).enumerate() {
        // One rectangle per horizontal run of dark modules keeps the path short.
        let mut column = 0;
        for run in modules.chunk_by(|a, b| a == b) {
            if run[0] == Color::Dark {
                builder.push_rect(Rect::from_xywh(
                    x + column as f32 * module,
                    y + row as f32 * module,
                    run.len() as f32 * module,
                    module,
                )?);
            }
            column += run.len();
        }
    }
    builder.finish()
}
