import { defineStore } from 'pinia'
import sensors from 'sa-sdk-javascript'
import type { Member, Visitor } from '../../preload'

sensors.init({
  server_url: 'https://sa.example-dealer.com:8106/sa?project=kiosk',
  is_track_single_page: false,
  send_type: 'beacon',
  heatmap: { clickmap: 'not_collect' },
})

interface MatchResult {
  memberId: string
  distance: number
}

export const useVisitorStore = defineStore('visitor', {
  state: () => ({
    form: { name: '', mobile: '', idCardNo: '', plateNo: '', intentModel: '' } as Visitor,
    member: null as Member | null,
    privacyAccepted: false,
    lastMatch: null as MatchResult | null,
  }),
  actions: {
    setMatch(match: MatchResult | null) {
      this.lastMatch = match
      if (match) {
        sessionStorage.setItem('kiosk:lastMatch', JSON.stringify({ memberId: match.memberId, distance: match.distance }))
        sensors.track('KioskFaceMatched', { member_id: match.memberId, distance: Number(match.distance.toFixed(3)) })
      }
    },
    async submitCheckIn(): Promise<string> {
      const visitor: Visitor = { ...this.form, memberId: this.member?.memberId }
      const visitId = (await window.kiosk.checkIn(visitor)) as string
      sensors.track('KioskCheckIn', {
        intent_model: visitor.intentModel,
        trade_in: !!visitor.plateNo,
        trade_in_plate: visitor.plateNo,
      })
      return visitId
    },
    reset() {
      this.$reset()
    },
  },
})
