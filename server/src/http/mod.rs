//! The HTTP side: the router and the layers every request passes through.
pub mod client_address;
pub mod ecopr_download;
pub mod page_tasks;
pub mod photo_upload;
pub mod request_scope;
pub mod router;
pub mod same_site;
pub mod security_headers;
pub mod site_files;
pub mod trace;
