use leptos::prelude::*;

/// The maple leaf flag of the Government of Canada signature (decorative: the
/// text beside it names the government).
#[component]
pub fn FlagSymbol() -> impl IntoView {
    view! {
        <svg class="flag" viewBox="0 0 9600 4800" width="36" height="18" aria-hidden="true" focusable="false">
            <path fill="#eb2d37" d="M0 0h2400v4800H0zm7200 0h2400v4800H7200z" />
            <path
                fill="#eb2d37"
                d="m4745 4337 45-863a95 95 0 0 0-111-98l-859 151 116-320a65 65 0 0 0-20-73l-941-762 212-99a65 65 0 0 0 34-79l-186-572 542 115a65 65 0 0 0 73-38l105-247 423 454a65 65 0 0 0 111-57l-204-1052 327 189a65 65 0 0 0 91-27l332-652 332 652a65 65 0 0 0 91 27l327-189-204 1052a65 65 0 0 0 111 57l423-454 105 247a65 65 0 0 0 73 38l542-115-186 572a65 65 0 0 0 34 79l212 99-941 762a65 65 0 0 0-20 73l116 320-859-151a95 95 0 0 0-111 98l45 863z"
            />
        </svg>
    }
}

/// The "Canada" wordmark in the footer.
#[component]
pub fn CanadaWordmark(label: Signal<String>) -> impl IntoView {
    view! {
        <svg class="canada-wordmark" viewBox="0 0 180 48" width="135" height="36" role="img" aria-label=label>
            <text x="0" y="42" font-family="Lato, 'Noto Sans', Arial, sans-serif" font-weight="700" font-size="44">"Canad"</text>
            <text x="132" y="42" font-family="Lato, 'Noto Sans', Arial, sans-serif" font-weight="700" font-size="44">"a"</text>
            <g transform="translate(136 2) scale(0.0035)">
                <path fill="#eb2d37" d="M0 0h2400v4800H0zm7200 0h2400v4800H7200z" />
                <path fill="#eb2d37" d="m4745 4337 45-863a95 95 0 0 0-111-98l-859 151 116-320a65 65 0 0 0-20-73l-941-762 212-99a65 65 0 0 0 34-79l-186-572 542 115a65 65 0 0 0 73-38l105-247 423 454a65 65 0 0 0 111-57l-204-1052 327 189a65 65 0 0 0 91-27l332-652 332 652a65 65 0 0 0 91 27l327-189-204 1052a65 65 0 0 0 111 57l423-454 105 247a65 65 0 0 0 73 38l542-115-186 572a65 65 0 0 0 34 79l212 99-941 762a65 65 0 0 0-20 73l116 320-859-151a95 95 0 0 0-111 98l45 863z" />
            </g>
        </svg>
    }
}
