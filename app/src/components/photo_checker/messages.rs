//! The words for each check: its name, its status and what to do about it.
use crate::i18n::*;
use leptos_i18n::I18nContext;
use photo::{Check, CheckId, Status, Verdict};

pub fn name(i18n: I18nContext<Locale>, id: CheckId) -> &'static str {
    match id {
        CheckId::Format => t_string!(i18n, photo.name.format),
        CheckId::FileSize => t_string!(i18n, photo.name.file_size),
        CheckId::Dimensions => t_string!(i18n, photo.name.dimensions),
        CheckId::FaceCount => t_string!(i18n, photo.name.face_count),
        CheckId::HeadSize => t_string!(i18n, photo.name.head_size),
        CheckId::Centring => t_string!(i18n, photo.name.centring),
        CheckId::Brightness => t_string!(i18n, photo.name.brightness),
        CheckId::Glare => t_string!(i18n, photo.name.glare),
        CheckId::Sharpness => t_string!(i18n, photo.name.sharpness),
        CheckId::Background => t_string!(i18n, photo.name.background),
    }
}

pub fn status(i18n: I18nContext<Locale>, status: Status) -> &'static str {
    match status {
        Status::Pass => t_string!(i18n, photo.status_pass),
        Status::Fail => t_string!(i18n, photo.status_fail),
        Status::Warn => t_string!(i18n, photo.status_warn),
        Status::Skipped => t_string!(i18n, photo.status_skipped),
    }
}

/// What the result means and, for a problem, how to fix it.
pub fn message(i18n: I18nContext<Locale>, check: &Check) -> &'static str {
    use CheckId::*;
    if check.status == Status::Skipped {
        return t_string!(i18n, photo.skipped);
    }
    let pass = check.status == Status::Pass;
    match (check.id, pass, check.reason.unwrap_or("")) {
        (Format, true, _) => t_string!(i18n, photo.msg.format_pass),
        (Format, false, "too_large") => t_string!(i18n, photo.msg.format_too_large),
        (Format, false, "corrupt") => t_string!(i18n, photo.msg.format_corrupt),
        (Format, false, _) => t_string!(i18n, photo.msg.format_unsupported),
        (FileSize, true, _) => t_string!(i18n, photo.msg.file_size_pass),
        (FileSize, false, _) => t_string!(i18n, photo.msg.file_size_fail),
        (Dimensions, true, _) => t_string!(i18n, photo.msg.dimensions_pass),
        (Dimensions, false, "too_small") => t_string!(i18n, photo.msg.dimensions_too_small),
        (Dimensions, false, "too_large") => t_string!(i18n, photo.msg.dimensions_too_large),
        (Dimensions, false, _) => t_string!(i18n, photo.msg.dimensions_shape),
        (FaceCount, true, _) => t_string!(i18n, photo.msg.face_count_pass),
        (FaceCount, false, "several") => t_string!(i18n, photo.msg.face_count_several),
        (FaceCount, false, _) => t_string!(i18n, photo.msg.face_count_none),
        (HeadSize, true, _) => t_string!(i18n, photo.msg.head_size_pass),
        (HeadSize, false, "too_large") => t_string!(i18n, photo.msg.head_size_too_large),
        (HeadSize, false, _) => t_string!(i18n, photo.msg.head_size_too_small),
        (Centring, true, _) => t_string!(i18n, photo.msg.centring_pass),
        (Centring, false, _) => t_string!(i18n, photo.msg.centring_fail),
        (Brightness, true, _) => t_string!(i18n, photo.msg.brightness_pass),
        (Brightness, false, "too_bright") => t_string!(i18n, photo.msg.brightness_too_bright),
        (Brightness, false, _) => t_string!(i18n, photo.msg.brightness_too_dark),
        (Glare, true, _) => t_string!(i18n, photo.msg.glare_pass),
        (Glare, false, _) => t_string!(i18n, photo.msg.glare_fail),
        (Sharpness, true, _) => t_string!(i18n, photo.msg.sharpness_pass),
        (Sharpness, false, _) => t_string!(i18n, photo.msg.sharpness_fail),
        (Background, true, _) => t_string!(i18n, photo.msg.background_pass),
        (Background, false, "busy") => t_string!(i18n, photo.msg.background_busy),
        (Background, false, _) => t_string!(i18n, photo.msg.background_dark),
    }
}

/// One sentence on the whole photo.
pub fn summary(i18n: I18nContext<Locale>, verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => t_string!(i18n, photo.summary_pass),
        Verdict::Warn => t_string!(i18n, photo.summary_warn),
        Verdict::Fail => t_string!(i18n, photo.summary_fail),
    }
}
