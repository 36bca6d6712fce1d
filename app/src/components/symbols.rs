use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

const FLAG_BARS: &str = "M0 0h2400v4800H0zm7200 0h2400v4800H7200z";
const MAPLE_LEAF: &str = "m4745 4337 45-863a95 95 0 0 0-111-98l-859 151 116-320a65 65 0 0 0-20-73l-941-762 212-99a65 65 0 0 0 34-79l-186-572 542 115a65 65 0 0 0 73-38l105-247 423 454a65 65 0 0 0 111-57l-204-1052 327 189a65 65 0 0 0 91-27l332-652 332 652a65 65 0 0 0 91 27l327-189-204 1052a65 65 0 0 0 111 57l423-454 105 247a65 65 0 0 0 73 38l542-115-186 572a65 65 0 0 0 34 79l212 99-941 762a65 65 0 0 0-20 73l116 320-859-151a95 95 0 0 0-111 98l45 863z";

/// The flag's shapes, drawn on a 9600 × 4800 grid.
#[component]
fn FlagShapes() -> impl IntoView {
    view! {
        <path fill="#eb2d37" d=FLAG_BARS />
        <path fill="#eb2d37" d=MAPLE_LEAF />
    }
}

/// The maple leaf flag of the Government of Canada signature (decorative: the
/// text beside it names the government).
#[component]
pub fn FlagSymbol() -> impl IntoView {
    view! {
        <svg class="flag" viewBox="0 0 9600 4800" width="36" height="18" aria-hidden="true" focusable="false">
            <FlagShapes />
        </svg>
    }
}

/// The "Canada" wordmark in the footer, the flag over its last letter.
#[component]
pub fn CanadaWordmark(label: Signal<String>) -> impl IntoView {
    view! {
        <svg class="canada-wordmark" viewBox="0 0 152 50" width="137" height="45" role="img" aria-label=label>
            <text
                x="0"
                y="46"
                textLength="150"
                lengthAdjust="spacingAndGlyphs"
                font-family="Lato, 'Noto Sans', Arial, sans-serif"
                font-weight="700"
                font-size="40"
            >
                "Canada"
            </text>
            <g transform="translate(128 0) scale(0.0024)">
                <FlagShapes />
            </g>
        </svg>
    }
}

/// The signature in both languages, for the pages that stand before a language is chosen.
#[component]
pub fn BilingualSignature(first: Locale) -> impl IntoView {
    let second = crate::routes::other_locale(first);
    view! {
        <p class="gc-signature bilingual-signature">
            <FlagSymbol />
            <span lang=first.as_str()>{td!(first, shell.goc)}</span>
            <span lang=second.as_str()>{td!(second, shell.goc)}</span>
        </p>
    }
}
