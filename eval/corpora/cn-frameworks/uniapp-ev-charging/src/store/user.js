import { defineStore } from 'pinia'
import { http } from '@/utils/http'
import { desensitizePlate } from '@/utils/mask'

export const useUserStore = defineStore('user', {
  state: () => ({
    memberId: '',
    nickname: '',
    profile: null,
    currentOrder: null,
  }),
  getters: {
    vehicles: state => (state.profile && state.profile.vehicles) || [],
    defaultPlate() {
      const v = this.vehicles.find(item => item.isDefault) || this.vehicles[0]
      return v ? v.plateNo : ''
    },
  },
  actions: {
    async loadProfile() {
      const profile = await http('/member/profile')
      this.profile = profile
      this.memberId = profile.memberId
      this.nickname = profile.nickname
      console.info('[user] profile loaded', JSON.stringify(profile))
      uni.setStorageSync('memberId', profile.memberId)
    },
    async addVehicle(vehicle) {
      await http('/member/vehicles', { method: 'POST', data: vehicle })
      await this.loadProfile()
    },
    async startCharge(pileNo, gunNo) {
      const plate = this.defaultPlate
      console.info(`[charge] start pile=${pileNo} gun=${gunNo} plate=${desensitizePlate(plate)}`)
      this.currentOrder = await http('/charge/start', { method: 'POST', data: { pileNo, gunNo, plateNo: plate } })
      console.info('[charge] order', this.currentOrder.orderNo, 'member', this.memberId)
      return this.currentOrder
    },
  },
})
