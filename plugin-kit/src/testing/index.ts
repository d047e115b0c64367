/** Test fixtures for plugins: loopback RTSP cameras and generated clips (`@safeflow/plugin-kit/testing`). */
export { startRtspRelay, type RtspRelay } from './startRtspRelay';
export { makeStillClip, makeTestClip, serveRtspCamera, type RtspTestCamera } from './testClips';
