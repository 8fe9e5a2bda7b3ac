import Hummingbird

/// The self-check page and its script and style, all same-origin, compiled into the binary.
enum PageRoutes {
  static func add(to router: Router<BasicRequestContext>) {
    router.get("/") { _, _ in asset(PackageResources.index_html, "text/html; charset=utf-8") }
    router.get("/app.js") { _, _ in asset(PackageResources.app_js, "text/javascript; charset=utf-8") }
    router.get("/app.css") { _, _ in asset(PackageResources.app_css, "text/css; charset=utf-8") }
  }

  static func asset(_ bytes: [UInt8], _ type: String) -> Response {
    Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
