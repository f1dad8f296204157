import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, StyleSheet, Text, TextInput, View } from 'react-native';
import { accelerometer, SensorTypes, setUpdateIntervalForType } from 'react-native-sensors';
import { Camera, useCameraDevice, useCameraPermission } from 'react-native-vision-camera';
import { reportHarshBrake, shareWithInsurer, uploadCollision, uploadManualClip } from '../services/incidents';
import { identifyOwner, setVehicleContext, setVehicleDetails, trackIncidentUploaded } from '../telemetry';
import type { IncidentMeta, Vehicle } from '../types';

const HARSH_G = 1.8;
const COLLISION_G = 3.0;

export function DashcamScreen({ vehicle, ownerId }: { vehicle: Vehicle; ownerId: string }) {
  const device = useCameraDevice('back');
  const camera = useRef<Camera>(null);
  const busy = useRef(false);
  const { hasPermission, requestPermission } = useCameraPermission();
  const [lastIncidentPath, setLastIncidentPath] = useState<string | null>(null);
  const [claimNo, setClaimNo] = useState('');
  const [recording, setRecording] = useState(false);

  useEffect(() => {
    if (!hasPermission) requestPermission();
  }, [hasPermission, requestPermission]);

  useEffect(() => {
    setVehicleContext(vehicle);
    setVehicleDetails(vehicle);
    identifyOwner(ownerId, vehicle);
    console.log(`dashcam armed for ${vehicle.model} ${vehicle.plateNumber}`);
  }, [vehicle, ownerId]);

  useEffect(() => {
    setUpdateIntervalForType(SensorTypes.accelerometer, 50);
    const subscription = accelerometer.subscribe(async ({ x, y, z }) => {
      const g = Math.sqrt(x * x + y * y + z * z) / 9.81;
      if (g < HARSH_G || !camera.current || busy.current) return;
      busy.current = true;
      try {
        const photo = await camera.current.takePhoto({ flash: 'off', enableShutterSound: false });
        const meta: IncidentMeta = {
          vehicleId: vehicle.id,
          kind: g >= COLLISION_G ? 'collision' : 'harsh_brake',
          gForce: Number(g.toFixed(2)),
          lat: null,
          lon: null,
          at: Date.now(),
        };
        setLastIncidentPath(photo.path);
        if (meta.kind === 'collision') {
          await uploadCollision(photo.path, meta);
        } else {
          await reportHarshBrake(meta, photo);
        }
        trackIncidentUploaded(meta);
      } finally {
        busy.current = false;
      }
    });
    return () => subscription.unsubscribe();
  }, [vehicle]);

  const share = useCallback(async () => {
    if (lastIncidentPath && claimNo) await shareWithInsurer(lastIncidentPath, claimNo);
  }, [lastIncidentPath, claimNo]);

  const toggleRecording = useCallback(async () => {
    if (!camera.current) return;
    if (recording) {
      await camera.current.stopRecording();
      setRecording(false);
      return;
    }
    camera.current.startRecording({
      fileType: 'mp4',
      onRecordingFinished: (video) =>
        uploadManualClip(video.path, {
          vehicleId: vehicle.id,
          kind: 'manual',
          gForce: 0,
          lat: null,
          lon: null,
          at: Date.now(),
        }),
      onRecordingError: (error) => console.warn('recording failed', error.code),
    });
    setRecording(true);
  }, [recording, vehicle]);

  if (!device || !hasPermission) return <Text>Camera unavailable</Text>;

  return (
    <View style={styles.root}>
      <Camera ref={camera} style={StyleSheet.absoluteFill} device={device} isActive photo video />
      <View style={styles.controls}>
        <Button title={recording ? 'Stop' : 'Record'} onPress={toggleRecording} />
        <TextInput placeholder="Insurance claim no." value={claimNo} onChangeText={setClaimNo} style={styles.input} />
        <Button title="Send last incident to insurer" onPress={share} disabled={!lastIncidentPath || !claimNo} />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1 },
  controls: { position: 'absolute', bottom: 24, left: 16, right: 16, gap: 8 },
  input: { backgroundColor: '#fff', padding: 8, borderRadius: 6 },
});
