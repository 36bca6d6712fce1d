use super::FieldMessage;
use crate::domain::FieldError;
use crate::i18n::*;
use crate::api::session::password_strength;
use leptos::prelude::*;

/// A new password, typed twice, with a strength meter rated by the server
/// (which holds the block-list) as the person types.
#[component]
pub fn NewPasswordFields(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let strength = RwSignal::new(None::<u8>);
    let rate = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        leptos::task::spawn_local(async move {
            strength.set(if typed.is_empty() { None } else { password_strength(typed).await.ok() });
        });
    };
    let word = move |score: u8| match score {
        0 => t_string!(i18n, signin.strength_0),
        1 => t_string!(i18n, signin.strength_1),
        2 => t_string!(i18n, signin.strength_2),
        3 => t_string!(i18n, signin.strength_3),
        _ => t_string!(i18n, signin.strength_4),
    };
    view! {
        <div class="form-group">
            <label for="new-password">{t!(i18n, signin.new_password)}</label>
            <p class="hint" id="new-password-hint">{t!(i18n, signin.new_password_hint)}</p>
            <FieldMessage errors field="new-password".to_owned() />
            <input type="password" id="new-password" name="new_password" autocomplete="new-password"
                aria-describedby="new-password-hint new-password-strength" on:input=rate />
            <p class="strength" id="new-password-strength" aria-live="polite">
                {move || strength.get().map(|score| view! {
                    <meter min="0" max="4" low="2" high="3" optimum="4" value=score.to_string()></meter>
                    " "{t!(i18n, signin.strength)}" "<strong>{word(score)}</strong>
                })}
            </p>
        </div>
        <div class="form-group">
            <label for="new-password-again">{t!(i18n, signin.new_password_again)}</label>
            <FieldMessage errors field="new-password-again".to_owned() />
            <input type="password" id="new-password-again" name="new_password_again" autocomplete="new-password" />
        </div>
    }
}
