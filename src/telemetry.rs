//! Logging set-up, and (with the `otel` cargo feature) OpenTelemetry traces. Log
//! lines carry ids and codes, never tokens or personal data.
//!
//! Built with `--features otel` and given `OTEL_EXPORTER_OTLP_ENDPOINT`, the server
//! exports one span per GraphQL request (`graphql_request`, with its request id and
//! operation name) and one per SQL statement (sea-orm's spans: operation and table,
//! never bound values) over OTLP/HTTP. Without the feature none of it is compiled in.

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer as _};

/// Keeps the trace exporter alive; dropping it flushes the spans not yet sent.
#[derive(Default)]
pub struct Telemetry {
    #[cfg(feature = "otel")]
    provider: Option<opentelemetry_sdk::trace::SdkTracerProvider>,
}

impl Drop for Telemetry {
    fn drop(&mut self) {
        #[cfg(feature = "otel")]
        if let Some(provider) = self.provider.take() {
            let _ = provider.shutdown();
        }
    }
}

/// Human-readable logs by default, JSON lines with `json`; `RUST_LOG` picks the levels.
/// `otlp_endpoint` turns trace export on (with the `otel` feature; ignored without).
pub fn init(json: bool, otlp_endpoint: Option<&str>) -> Telemetry {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt::layer();
    let fmt = if json {
        fmt.json().boxed()
    } else {
        fmt.boxed()
    };
    let registry = tracing_subscriber::registry().with(filter).with(fmt);
    #[cfg(feature = "otel")]
    {
        let (layer, provider) = match otlp_endpoint.map(otel::layer) {
            Some(Ok((layer, provider))) => (Some(layer), Some(provider)),
            Some(Err(err)) => {
                eprintln!("OpenTelemetry export is off: {err}");
                (None, None)
            }
            None => (None, None),
        };
        let _ = registry.with(layer).try_init();
        Telemetry { provider }
    }
    #[cfg(not(feature = "otel"))]
    {
        if otlp_endpoint.is_some() {
            eprintln!("OTEL_EXPORTER_OTLP_ENDPOINT is set, but this build has no `otel` feature");
        }
        let _ = registry.try_init();
        Telemetry::default()
    }
}

#[cfg(feature = "otel")]
pub mod otel {
    //! The OpenTelemetry layer: spans to an OTLP/HTTP collector.

    use opentelemetry::trace::TracerProvider as _;
    use opentelemetry_otlp::{SpanExporter, WithExportConfig};
    use opentelemetry_sdk::trace::SdkTracerProvider;
    use tracing_subscriber::Layer;
    use tracing_subscriber::registry::LookupSpan;

    type BoxedLayer<S> = Box<dyn Layer<S> + Send + Sync + 'static>;

    /// The tracing layer exporting to `endpoint` (e.g. `http://collector:4318/v1/traces`).
    pub fn layer<S>(endpoint: &str) -> Result<(BoxedLayer<S>, SdkTracerProvider), String>
    where
        S: tracing::Subscriber + for<'span> LookupSpan<'span> + Send + Sync,
    {
        let exporter = SpanExporter::builder()
            .with_http()
            .with_endpoint(endpoint)
            .build()
            .map_err(|err| err.to_string())?;
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .build();
        Ok((with_provider(&provider), provider))
    }

    /// The tracing layer over any tracer provider (tests give an in-memory one).
    pub fn with_provider<S>(provider: &SdkTracerProvider) -> BoxedLayer<S>
    where
        S: tracing::Subscriber + for<'span> LookupSpan<'span> + Send + Sync,
    {
        let tracer = provider.tracer("community-hub");
        tracing_opentelemetry::layer().with_tracer(tracer).boxed()
    }
}
