// Charts leave the page as files for a council report: the SVG as it is drawn, or a PNG drawn from it on a
// canvas in the browser (no server, no external service). The SVG carries its own title and presentation
// attributes, so the file looks the same outside the page.

function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.removeAttribute("class");
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileName(title: string, extension: string): string {
  return `${title}.${extension}`.replace(/[\\/:*?"<>|]+/g, "_");
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  save(new Blob([svgText(svg)], { type: "image/svg+xml;charset=utf-8" }), fileName(name, "svg"));
}

/** The chart as a PNG at twice its size (sharp when printed), on white. */
export function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const scale = 2;
  const image = new Image();
  const bytes = new TextEncoder().encode(svgText(svg));
  let binary = "";
  bytes.forEach((byte) => (binary += String.fromCharCode(byte)));
  return new Promise((resolve, reject) => {
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext("2d");
      if (!context) return reject(new Error("canvas"));
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => {
        if (!blob) return reject(new Error("png"));
        save(blob, fileName(name, "png"));
        resolve();
      }, "image/png");
    };
    image.onerror = () => reject(new Error("svg"));
    image.src = "data:image/svg+xml;base64," + btoa(binary); // img-src allows data: (server/http/security_headers.py)
  });
}
