'use strict';

const mongoose = require('mongoose');

const ParkingRecordSchema = new mongoose.Schema(
  {
    yardCode: { type: String, index: true },
    plateNo: { type: String, index: true },
    plateColor: String,
    channelIn: String,
    channelOut: String,
    inTime: Date,
    outTime: Date,
    fee: Number,
    inPicKey: String,
    status: { type: String, enum: ['in', 'out'], default: 'in' },
  },
  { timestamps: true }
);

module.exports = mongoose.model('ParkingRecord', ParkingRecordSchema);
