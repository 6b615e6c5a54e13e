/**
 * The landing page as HTML, for a person who opens /ogc in a browser: what the service offers and
 * how to connect QGIS and GDAL. Same origin, no script, no external asset (the CSP allows none).
 */
import { CRS_LIST } from '../../geo/crs.ts';
import { COLLECTION_INFO } from './ogc.collections.ts';
import { COLLECTIONS } from './ogc.repository.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Landing {
  title: string;
  description: string;
  demo: boolean;
  links: { href: string; rel: string; type?: string; title?: string }[];
}

export function landingHtml(origin: string, landing: Landing): string {
  const base = `${origin}/ogc`;
  const tileLinks = landing.links.filter((l) => l.rel === 'related');
  const row = (href: string, text: string) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(landing.title)}</title>
<style>
  body { font-family: 'Noto Sans', system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  code, pre { background: #f3f3f3; padding: 0.1rem 0.3rem; border-radius: 3px; font-size: 0.9em; }
  pre { padding: 0.6rem; overflow-x: auto; }
  .demo { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.5rem 0.75rem; }
  table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; }
</style>
</head>
<body>
<h1>${esc(landing.title)}</h1>
<p>${esc(landing.description)}</p>
${landing.demo ? '<p class="demo">Dữ liệu đang phục vụ là <strong>dữ liệu mẫu tổng hợp</strong> (demo), không phải số liệu thật.</p>' : ''}
<h2>Các lớp dữ liệu / Collections</h2>
<table><thead><tr><th>id</th><th>Lớp / layer</th><th>GeoJSON</th></tr></thead><tbody>
${COLLECTIONS.map((id) => {
  const info = COLLECTION_INFO[id];
  return `<tr><td><code>${esc(id)}</code></td><td>${esc(info.titleVi)} / ${esc(info.titleEn)}</td><td><a href="${esc(`${base}/collections/${id}/items?limit=10`)}">items</a></td></tr>`;
}).join('\n')}
</tbody></table>
<p>Cần đăng nhập (phiên của cổng) hoặc mã truy cập API: <code>Authorization: Bearer atlas_…</code> (tạo ở trang Tài khoản).
Mỗi người dùng chỉ thấy các đơn vị trong phạm vi của mình.</p>
<h2>Tài liệu / Documents</h2>
<ul>
${row(`${base}/api`, 'OpenAPI 3.0 (mô tả API)')}
${row(`${base}/conformance`, 'Chuẩn tuân thủ / conformance')}
${row(`${base}/collections`, 'Danh sách lớp (JSON) / collections')}
</ul>
<h2>Vector tiles (TileJSON)</h2>
<ul>
${tileLinks.map((l) => row(l.href, l.title ?? l.href)).join('\n')}
</ul>
<h2>QGIS, GDAL</h2>
<p>QGIS: <em>Layer → Add Layer → Add WFS / OGC API – Features Layer</em>, URL <code>${esc(base)}</code>,
xác thực bằng cấu hình “API Header”: <code>Authorization</code> = <code>Bearer atlas_…</code>.</p>
<pre>GDAL_HTTP_HEADERS="Authorization: Bearer atlas_…" ogrinfo OAPIF:${esc(base)}
GDAL_HTTP_HEADERS="Authorization: Bearer atlas_…" ogr2ogr -f GPKG phuong.gpkg "OAPIF:${esc(base)}?datetime=2017-12-31" wards</pre>
<h2>Hệ tọa độ / Coordinate systems (<code>crs</code>, <code>bbox-crs</code>)</h2>
<table><tbody>
${CRS_LIST.map((c) => `<tr><td><code>${esc(c.uri)}</code></td><td>${esc(c.nameVi)}</td></tr>`).join('\n')}
</tbody></table>
</body>
</html>
`;
}
