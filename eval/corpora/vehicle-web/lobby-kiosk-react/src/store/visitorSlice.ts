import { configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { useDispatch, useSelector, type TypedUseSelectorHook } from 'react-redux';

export interface VisitorDetails {
  fullName: string;
  company?: string;
  idCardNo: string;
  hostResidentId: string;
  floor: number;
}

export interface VisitorState {
  details: VisitorDetails | null;
  faceSnapshot: string | null;
  visitId: string | null;
  privacyAccepted: boolean;
}

const initialState: VisitorState = {
  details: null,
  faceSnapshot: null,
  visitId: null,
  privacyAccepted: false,
};

const visitorSlice = createSlice({
  name: 'visitor',
  initialState,
  reducers: {
    detailsEntered(state, action: PayloadAction<VisitorDetails>) {
      state.details = action.payload;
    },
    privacyAccepted(state) {
      state.privacyAccepted = true;
    },
    snapshotTaken(state, action: PayloadAction<string>) {
      state.faceSnapshot = action.payload;
    },
    visitCreated(state, action: PayloadAction<string>) {
      state.visitId = action.payload;
    },
    reset: () => initialState,
  },
});

export const { detailsEntered, privacyAccepted, snapshotTaken, visitCreated, reset } = visitorSlice.actions;

export const store = configureStore({ reducer: { visitor: visitorSlice.reducer } });

export type RootState = ReturnType<typeof store.getState>;
export type AppDispatch = typeof store.dispatch;
export const useAppDispatch: () => AppDispatch = useDispatch;
export const useAppSelector: TypedUseSelectorHook<RootState> = useSelector;
