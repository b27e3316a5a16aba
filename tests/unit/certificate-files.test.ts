import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ACCEPT, CERTIFICATE_MAX_BYTES, certificateFileProblem, certificateHref, certificateInWords, declaredCertificateType, servedCertificateName } from '@/lib/external-learning/certificate-files';
import { CompleteCertificateUploadInput, RemoveCertificateInput, RequestCertificateUploadInput } from '@/lib/external-learning/schemas';

// What a certificate of completion may be: checked the same in the browser (before any request)
// and on the server (requestCertificateUpload), so both refuse the same files in the same words.

describe('declaredCertificateType', () => {
  it('takes the browser’s type when it is one of ours, else the name’s extension', () => {
    expect(declaredCertificateType('cert.pdf', 'application/pdf')).toBe('application/pdf');
    expect(declaredCertificateType('scan', 'IMAGE/JPEG; charset=binary')).toBe('image/jpeg');
    expect(declaredCertificateType('scan.JPG', '')).toBe('image/jpeg');
    expect(declaredCertificateType('scan.jpeg', 'application/octet-stream')).toBe('image/jpeg');
    expect(declaredCertificateType('scan.webp', '')).toBe('image/webp');
    expect(declaredCertificateType('scan.png', '')).toBe('image/png');
  });

  it('refuses anything else: other images, documents, web pages, no extension', () => {
    for (const [name, type] of [['a.gif', 'image/gif'], ['a.svg', 'image/svg+xml'], ['a.html', 'text/html'], ['a.docx', ''], ['a', ''], ['a.pdf.exe', 'application/x-msdownload']]) {
      expect(declaredCertificateType(name, type)).toBeNull();
    }
  });
});

describe('certificateFileProblem', () => {
  it('lets through a PDF or image from 1 byte to 10 MB', () => {
    expect(certificateFileProblem({ name: 'c.pdf', type: 'application/pdf', size: 1 })).toBeNull();
    expect(certificateFileProblem({ name: 'c.png', type: 'image/png', size: CERTIFICATE_MAX_BYTES })).toBeNull();
  });

  it('says what is accepted, or both sizes, in words', () => {
    expect(certificateFileProblem({ name: 'c.gif', type: 'image/gif', size: 10 })).toBe('“c.gif” is not a PDF or an image this site keeps. Attach a PDF, or a PNG, JPEG or WebP image.');
    expect(certificateFileProblem({ name: 'c.pdf', type: 'application/pdf', size: 0 })).toBe('“c.pdf” is empty. Choose the certificate file itself.');
    expect(certificateFileProblem({ name: 'c.pdf', type: 'application/pdf', size: 15 * 1024 * 1024 })).toBe('“c.pdf” is 15 MB; a certificate can be up to 10 MB. Save it at a lower resolution, or as a PDF, and attach that.');
    // A few bytes over does not read as "10 MB; up to 10 MB".
    expect(certificateFileProblem({ name: 'c.pdf', type: 'application/pdf', size: CERTIFICATE_MAX_BYTES + 1 })).toContain('is just over 10 MB; a certificate can be up to 10 MB.');
  });
});

describe('how a certificate is shown and linked', () => {
  it('lists each type and extension for the file picker', () => {
    expect(CERTIFICATE_ACCEPT).toBe('application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,image/webp,.webp');
  });

  it('says the type and size, and links to the private route', () => {
    expect(certificateInWords({ contentType: 'application/pdf', sizeBytes: 240 * 1024 })).toBe('PDF, 240 KB');
    expect(certificateInWords({ contentType: 'image/jpeg', sizeBytes: 1536 * 1024 })).toBe('JPEG image, 1.5 MB');
    expect(certificateHref('abc123')).toBe('/other-learning/certificates/abc123?inline=1');
    expect(certificateHref('abc123', false)).toBe('/other-learning/certificates/abc123');
  });
});

describe('the actions’ inputs', () => {
  it('take an entry id, a file name without control characters, a type and a whole size', () => {
    expect(RequestCertificateUploadInput.parse({ learningId: 'cabc', fileName: ' My\ncert.pdf ', size: '120' })).toEqual({ learningId: 'cabc', fileName: 'Mycert.pdf', contentType: 'application/octet-stream', size: 120 });
    expect(RequestCertificateUploadInput.safeParse({ learningId: 'x; DROP', fileName: 'a.pdf', contentType: 'application/pdf', size: 1 }).success).toBe(false);
    // A right-to-left override would show "fdp.exe" as "exe.pdf"; it is dropped like a line break.
    expect(RequestCertificateUploadInput.parse({ learningId: 'cabc', fileName: 'cert\u202Efdp.png', contentType: 'image/png', size: 1 }).fileName).toBe('certfdp.png');
    const long = RequestCertificateUploadInput.safeParse({ learningId: 'cabc', fileName: 'a.pdf', contentType: 'x'.repeat(201), size: 1 });
    expect(long.success ? null : long.error.issues[0].message).toBe('The file’s type could not be read. Choose the file again.');
    expect(RequestCertificateUploadInput.safeParse({ learningId: 'cabc', fileName: '', contentType: 'application/pdf', size: 1 }).success).toBe(false);
    expect(RequestCertificateUploadInput.safeParse({ learningId: 'cabc', fileName: 'a.pdf', contentType: 'application/pdf', size: 1.5 }).success).toBe(false);
    expect(CompleteCertificateUploadInput.safeParse({ certificateId: '../etc' }).success).toBe(false);
    expect(RemoveCertificateInput.parse({ learningId: 'cabc' })).toEqual({ learningId: 'cabc' });
  });
});

describe('servedCertificateName', () => {
  it('keeps a name whose extension is the served type’s, and adds one otherwise', () => {
    expect(servedCertificateName('Summit certificate.pdf', 'application/pdf')).toBe('Summit certificate.pdf');
    expect(servedCertificateName('scan.JPG', 'image/jpeg')).toBe('scan.JPG');
    expect(servedCertificateName('scan.jpeg', 'image/jpeg')).toBe('scan.jpeg');
    expect(servedCertificateName('certificate.html', 'image/png')).toBe('certificate.html.png');
    expect(servedCertificateName('drawing.svg', 'image/webp')).toBe('drawing.svg.webp');
    expect(servedCertificateName('certificate', 'application/pdf')).toBe('certificate.pdf');
  });
});
