import ffmpeg from 'fluent-ffmpeg';
import { Subject } from 'rxjs';

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);

export function openCabinCamera(device = '/dev/video2', fps = 10): Subject<CabinFrame> {
  const frames$ = new Subject<CabinFrame>();
  let pending = Buffer.alloc(0);
  const stream = ffmpeg(device)
    .inputFormat('v4l2')
    .inputOptions(['-video_size 1280x800', '-input_format mjpeg'])
    .outputOptions([`-r ${fps}`, '-q:v 4'])
    .format('mjpeg')
    .on('error', (err) => frames$.error(err))
    .pipe();

  stream.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    let end = pending.indexOf(EOI);
    while (end !== -1) {
      const start = pending.indexOf(SOI);
      if (start !== -1 && start < end) {
        frames$.next({ jpeg: Buffer.from(pending.subarray(start, end + 2)), width: 1280, height: 800, ts: Date.now() });
      }
      pending = pending.subarray(end + 2);
      end = pending.indexOf(EOI);
    }
  });
  stream.on('end', () => frames$.complete());
  return frames$;
}
